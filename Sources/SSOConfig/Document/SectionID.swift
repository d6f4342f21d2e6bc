/// What a section of the config file is for, as botocore's `build_profile_map` sorts them.
public enum SectionKind: Sendable, Hashable {
    /// `[default]` (or `[profile default]`): the profile named "default".
    case defaultProfile
    /// `[profile NAME]`.
    case profile
    /// `[sso-session NAME]`.
    case ssoSession
    /// `[services NAME]`: per-service endpoint settings.
    case services
    /// Any other header, including `[DEFAULT]` and headers botocore ignores (`[profile a b]`).
    case other
}

/// Names a section the way botocore looks it up: a kind and a name (`.other` sections go by their header).
public struct SectionID: Sendable, Hashable, CustomStringConvertible {
    public var kind: SectionKind
    public var name: String

    public init(kind: SectionKind, name: String) {
        if kind == .profile, name.isExactly("default") {
            self.kind = .defaultProfile
        } else {
            self.kind = kind
        }
        self.name = kind == .defaultProfile ? "default" : name
    }

    /// The profile `name`; "default" is `[default]`.
    public static func profile(_ name: String) -> SectionID { SectionID(kind: .profile, name: name) }
    /// The `[sso-session name]` section.
    public static func ssoSession(_ name: String) -> SectionID { SectionID(kind: .ssoSession, name: name) }
    /// The `[services name]` section.
    public static func services(_ name: String) -> SectionID { SectionID(kind: .services, name: name) }
    /// The `[default]` profile.
    public static var defaultProfile: SectionID { SectionID(kind: .defaultProfile, name: "default") }

    public static func == (lhs: SectionID, rhs: SectionID) -> Bool {
        lhs.kind == rhs.kind && lhs.name.isExactly(rhs.name)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(ExactKey(name))
    }

    /// The header text multisso writes for a new section of this id (without the brackets).
    public var header: String {
        let name = Self.singleLine(name)
        switch kind {
        case .defaultProfile: return "default"
        case .profile: return "profile \(ShellWords.quote(name))"
        case .ssoSession: return "sso-session \(ShellWords.quote(name))"
        case .services: return "services \(ShellWords.quote(name))"
        case .other: return name
        }
    }

    public var description: String {
        switch kind {
        case .defaultProfile: "profile \"default\""
        case .profile: "profile \"\(name)\""
        case .ssoSession: "sso-session \"\(name)\""
        case .services: "services \"\(name)\""
        case .other: "section [\(name)]"
        }
    }

    private static let classifiedPrefixes: [(String, SectionKind)] = [
        ("profile", .profile), ("sso-session", .ssoSession), ("services", .services),
    ]

    /// Classifies a header exactly as `botocore.configloader.build_profile_map` does: a prefix test
    /// (`startswith("profile")`, so `[profiles x]` counts), then `shlex.split` into exactly two words.
    /// Returns nil for headers botocore drops (`[profile a b]`, `[profile "unclosed]`, `[DEFAULT]`).
    static func classify(header: String) -> SectionID? {
        for (prefix, kind) in classifiedPrefixes where header.hasExactPrefix(prefix) {
            if let name = plainName(header, after: prefix) { return SectionID(kind: kind, name: name) }
            guard let words = ShellWords.split(header), words.count == 2 else { return nil }
            return SectionID(kind: kind, name: words[1])
        }
        if header.isExactly("default") { return .defaultProfile }
        if header.isExactly(INILexer.defaultSectionName) { return nil }
        return SectionID(kind: .other, name: header)
    }

    /// The name of `prefix NAME` when the header is exactly that, one space between, and the name has
    /// no whitespace, quote or backslash (what `shlex.split` reads as the second of two words): the
    /// usual header, read without splitting it into words.
    private static func plainName(_ header: String, after prefix: String) -> String? {
        var header = header
        // Read in place: walking the string's UTF-8 view and making a `Substring` of it cost each
        // section of a large config more than reading its lines.
        return header.withUTF8 { bytes in
            let start = prefix.utf8.count
            guard start + 1 < bytes.count, bytes[start] == UInt8(ascii: " ") else { return nil }
            let name = UnsafeBufferPointer(rebasing: bytes[(start + 1)...])
            let special: (UInt8) -> Bool = { byte in
                byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A || byte == 0x22 || byte == 0x27
                    || byte == 0x5C
            }
            guard !name.contains(where: special) else { return nil }
            return String(decoding: name, as: UTF8.self)
        }
    }

    /// A name with its line breaks turned into spaces, since a header is one line.
    static func singleLine(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(scalar == "\n" || scalar == "\r" ? " " : scalar)
        }
        return String(result)
    }
}
