public import FileStore
import Foundation
import SSOConfig

/// The picker's first frame at 10,000 profiles: one pass over the config's bytes for the rows of
/// the common shape (`[profile NAME]` with `sso_session`, `sso_account_id` and `sso_role_name`; its
/// `[sso-session NAME]` with a start URL and a region), without building the whole document. Any
/// other shape (a `[DEFAULT]` section, quotes, indented lines, non-ASCII bytes, legacy or endpoint
/// keys) gives nil, and the caller reads the config in full; the full read follows the
/// first frame in any case and replaces these rows when it disagrees.
public enum PickerConfigScan {
    /// The rows of `environment`'s config, or nil when the file is missing, empty of SSO profiles or
    /// not of the simple shape. Duplicate sections and keys are left to the full read.
    public static func entries(_ environment: AWSEnvironment) -> [PickerEntry]? {
        let file = environment.configFile.resolvingSymlinksInPath()
        guard let data = try? AtomicFile.readRegularFile(file, limit: AWSConfigFile.sizeLimit) else { return nil }
        return entries([UInt8](data))
    }

    private enum Kind { case profile, session, other }

    /// What the scan keeps of a section: its kind, name and the few keys the rows need.
    private struct Section {
        var kind: Kind
        var name: String
        var session: String?
        var account: String?
        var role: String?
        /// A start URL and a region are set (an sso-session's required keys).
        var startURL = false
        var region = false
    }

    /// Keys that make a profile resolve differently from the common shape.
    private static let complexKeys: [[UInt8]] = [
        "sso_start_url", "sso_region", "sso_registration_scopes", "sso_use_device_code", "services", "endpoint_url",
    ].map { Array($0.utf8) }
    private static let sessionKey = Array("sso_session".utf8)
    private static let accountKey = Array("sso_account_id".utf8)
    private static let roleKey = Array("sso_role_name".utf8)
    private static let startURLKey = Array("sso_start_url".utf8)
    private static let regionKey = Array("sso_region".utf8)

    static func entries(_ bytes: [UInt8]) -> [PickerEntry]? {
        // ASCII text with `\n` line breaks only: no decoding, no other line boundaries to honour.
        guard !bytes.contains(where: { $0 >= 0x80 || ($0 < 0x20 && $0 != 0x0A && $0 != 0x09) }) else { return nil }
        var sections: [Section] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            guard let line = trimmed(bytes[start..<end]) else { continue }
            if line.first == UInt8(ascii: "#") || line.first == UInt8(ascii: ";") { continue }
            guard bytes[start] > 0x20 else { return nil }
            if line.first == UInt8(ascii: "[") {
                guard line.last == UInt8(ascii: "]"), let section = header(line.dropFirst().dropLast()) else {
                    return nil
                }
                sections.append(section)
                continue
            }
            guard !sections.isEmpty, let separator = line.firstIndex(where: { $0 == 0x3D || $0 == 0x3A }),
                let key = trimmed(line[..<separator])
            else { return nil }
            guard sections[sections.count - 1].kind != .other else { continue }
            let value = { trimmed(line[(separator + 1)...]).map(text) ?? "" }
            if isKey(key, sessionKey) {
                sections[sections.count - 1].session = value()
            } else if isKey(key, accountKey) {
                sections[sections.count - 1].account = value()
            } else if isKey(key, roleKey) {
                sections[sections.count - 1].role = value()
            } else if sections[sections.count - 1].kind == .session {
                if isKey(key, startURLKey) {
                    sections[sections.count - 1].startURL = true
                } else if isKey(key, regionKey) {
                    sections[sections.count - 1].region = true
                }
            } else if complexKeys.contains(where: { isKey(key, $0) }) {
                return nil
            }
        }
        return rows(sections)
    }

    private static func rows(_ sections: [Section]) -> [PickerEntry]? {
        var validSessions = Set<String>()
        for section in sections where section.kind == .session {
            guard section.account == nil, section.role == nil, section.session == nil else { return nil }
            if section.startURL, section.region { validSessions.insert(section.name) }
        }
        var rows: [PickerEntry] = []
        rows.reserveCapacity(sections.count)
        for section in sections where section.kind == .profile {
            guard section.session != nil || section.account != nil || section.role != nil else { continue }
            guard let session = section.session, validSessions.contains(session),
                let account = section.account, let role = section.role
            else { return nil }
            rows.append(
                PickerEntry(profile: section.name, accountID: account, roleName: role, portal: session, expiresAt: nil))
        }
        return rows.isEmpty ? nil : rows
    }

    /// Whether `bytes` are `key` (lower-case ASCII) in any case, as configparser lower-cases keys.
    private static func isKey(_ bytes: ArraySlice<UInt8>, _ key: [UInt8]) -> Bool {
        guard bytes.count == key.count else { return false }
        var index = bytes.startIndex
        for byte in key {
            let candidate = bytes[index]
            guard candidate == byte || candidate + 32 == byte && candidate >= 0x41 && candidate <= 0x5A else {
                return false
            }
            index += 1
        }
        return true
    }

    /// `default`, `profile NAME` or `sso-session NAME` with a plain NAME; other sections are kept
    /// as `.other`; nil for what needs botocore's full rules (quotes, `[DEFAULT]`, extra words).
    private static func header(_ inner: ArraySlice<UInt8>) -> Section? {
        guard !inner.contains(where: { $0 == 0x22 || $0 == 0x27 }), let inner = trimmed(inner) else { return nil }
        if inner.elementsEqual(defaultWord) { return Section(kind: .profile, name: "default") }
        if inner.elementsEqual(upperDefaultWord) { return nil }
        for (word, kind) in [(profileWord, Kind.profile), (sessionWord, Kind.session)] where inner.starts(with: word) {
            let rest = inner.dropFirst(word.count)
            guard rest.first == 0x20 || rest.first == 0x09, let name = trimmed(rest),
                !name.contains(where: { $0 == 0x20 || $0 == 0x09 }),
                !(kind == .profile && name.elementsEqual(defaultWord))
            else {
                return rest.isEmpty || rest.first == 0x20 || rest.first == 0x09 ? nil : Section(kind: .other, name: "")
            }
            return Section(kind: kind, name: text(name))
        }
        return Section(kind: .other, name: "")
    }

    private static let defaultWord = Array("default".utf8)
    private static let upperDefaultWord = Array("DEFAULT".utf8)
    private static let profileWord = Array("profile".utf8)
    private static let sessionWord = Array("sso-session".utf8)

    /// The bytes without surrounding spaces and tabs; nil when blank.
    private static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var lower = slice.startIndex
        var upper = slice.endIndex
        while lower < upper, slice[lower] == 0x20 || slice[lower] == 0x09 { lower += 1 }
        while upper > lower, slice[upper - 1] == 0x20 || slice[upper - 1] == 0x09 { upper -= 1 }
        return lower == upper ? nil : slice[lower..<upper]
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
