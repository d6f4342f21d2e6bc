/// A value of the config file as botocore reads it: one string, or an indented sub-section
/// (`sso_oidc =` followed by `  endpoint_url = …` lines) that botocore turns into a dictionary.
public enum ConfigValue: Sendable, Hashable {
    case text(String)
    /// The sub-section's `key = value` pairs in file order; a repeated key keeps its first place and its
    /// last value, like a Python dict. Keys keep their case (botocore does not lower-case them).
    case subsection([ConfigSubsectionEntry])

    /// The string, or nil for a sub-section.
    public var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// How Python would print the value (`repr` for a dict), used in messages that quote botocore's.
    var pythonDisplay: String {
        switch self {
        case .text(let text):
            return text
        case .subsection(let entries):
            let items = entries.map { "'\($0.key)': '\($0.value)'" }
            return "{\(items.joined(separator: ", "))}"
        }
    }
}

/// One `key = value` line of a sub-section.
public struct ConfigSubsectionEntry: Sendable, Hashable {
    public var key: String
    public var value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// One key of a section with its value and the line where the key is (1-based).
public struct ConfigEntry: Sendable, Hashable {
    /// The key lower-cased, as botocore sees it.
    public var key: String {
        didSet { code = ConfigKey(key) }
    }
    public var value: ConfigValue
    public var line: Int
    /// `key` numbered when it is one resolution reads (see ``ConfigKey``).
    private(set) var code: ConfigKey

    public init(key: String, value: ConfigValue, line: Int) {
        self.init(key: key, code: ConfigKey(key), value: value, line: line)
    }

    init(key: String, code: ConfigKey, value: ConfigValue, line: Int) {
        self.key = key
        self.code = code
        self.value = value
        self.line = line
    }
}

/// One `[header]` block of the config file with its keys, as botocore reads it, and where it is.
public struct ConfigSection: Sendable, Equatable {
    /// How botocore looks the section up. Headers botocore ignores get kind `.other` and their header.
    public var id: SectionID
    /// The header text between the brackets, unchanged (`profile "a b"`).
    public var header: String
    /// The line of the header (1-based).
    public var line: Int
    /// The section's own keys in file order.
    public var entries: [ConfigEntry]
    /// Keys of `[DEFAULT]` that the section does not set itself: configparser adds them to every section.
    public var inherited: [ConfigEntry]
    /// botocore drops this section (`[profile a b]`, an unclosed quote, `[DEFAULT]` itself).
    public var isIgnoredByBotocore: Bool

    /// The string value of `key` (case-insensitive, as botocore), or nil when absent or a sub-section.
    public func value(_ key: String) -> String? {
        entry(key)?.value.text
    }

    /// The line (1-based) where `key` is set, or nil when absent.
    public func line(of key: String) -> Int? {
        entry(key)?.line
    }

    /// The keys botocore sees, in its order: the section's own, then inherited `[DEFAULT]` keys.
    public var keys: [String] {
        allEntries.map(\.key)
    }

    /// The entries botocore sees (own then inherited).
    public var allEntries: [ConfigEntry] {
        inherited.isEmpty ? entries : entries + inherited
    }

    /// The indented sub-section under `key` as a dictionary, or nil when `key` is absent or a plain value.
    public func subsection(_ key: String) -> [String: String]? {
        guard case .subsection(let items)? = entry(key)?.value else { return nil }
        var result: [String: String] = [:]
        for item in items { result[item.key] = item.value }
        return result
    }

    /// The entry for `key` (matched after lower-casing, as configparser does), own before inherited.
    public func entry(_ key: String) -> ConfigEntry? {
        // Callers pass lower-case ASCII keys: lower-casing those, and joining the two lists, cost every
        // profile lookup of a 10,000-profile config an allocation or two.
        let isLowerASCII = !key.utf8.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") || $0 >= 0x80 }
        let wanted = isLowerASCII ? key : PythonText.lower(key)
        let code = ConfigKey(wanted)
        if code != .other { return entry(code) }
        if let own = entries.first(where: { $0.key.isExactly(wanted) }) { return own }
        return inherited.first { $0.key.isExactly(wanted) }
    }

    /// ``entry(_:)-(String)`` for a key resolution reads: a byte compared per key.
    func entry(_ key: ConfigKey) -> ConfigEntry? {
        if let index = entries.firstIndex(of: key) { return entries[index] }
        if inherited.isEmpty { return nil }
        return inherited.firstIndex(of: key).map { inherited[$0] }
    }
}
