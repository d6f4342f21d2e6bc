import AWSFormats
import Foundation

/// The top-level object of one cache file, with typed field access whose errors name the file and field.
/// Field values never appear in the errors (they may be secrets), except malformed timestamps.
struct CacheJSONObject {
    let file: String
    let field: (String) -> String
    private let members: [String: Any]

    /// Parses `data` read from `file`.
    /// - Throws: `.invalidJSON` or `.notAnObject`.
    init(data: Data, file: String) throws(CacheError) {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw .invalidJSON(file: file)
        }
        guard let members = parsed as? [String: Any] else { throw .notAnObject(file: file) }
        self.init(members: members, file: file, field: { $0 })
    }

    private init(members: [String: Any], file: String, field: @escaping (String) -> String) {
        self.members = members
        self.file = file
        self.field = field
    }

    /// True when the member exists and is not `null`.
    func has(_ key: String) -> Bool {
        guard let value = members[key] else { return false }
        return !(value is NSNull)
    }

    func string(_ key: String) throws(CacheError) -> String {
        guard let value = try optionalString(key) else { throw .missingField(file: file, field: field(key)) }
        return value
    }

    /// A string member; absent or `null` gives nil.
    func optionalString(_ key: String) throws(CacheError) -> String? {
        guard has(key), let raw = members[key] else { return nil }
        guard let value = raw as? String, !Self.isNumber(raw) else {
            throw .wrongType(file: file, field: field(key), expected: "a string")
        }
        return value
    }

    func timestamp(_ key: String) throws(CacheError) -> Date {
        guard let value = try optionalTimestamp(key) else { throw .missingField(file: file, field: field(key)) }
        return value
    }

    func optionalTimestamp(_ key: String) throws(CacheError) -> Date? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = CacheTimestamp.parse(text) else {
            throw .invalidTimestamp(file: file, field: field(key), value: text)
        }
        return date
    }

    /// An array of strings; absent or `null` gives nil.
    func optionalStrings(_ key: String) throws(CacheError) -> [String]? {
        guard has(key), let raw = members[key] else { return nil }
        guard let items = raw as? [Any] else {
            throw .wrongType(file: file, field: field(key), expected: "a list of strings")
        }
        var result: [String] = []
        for item in items {
            guard let text = item as? String, !Self.isNumber(item) else {
                throw .wrongType(file: file, field: field(key), expected: "a list of strings")
            }
            result.append(text)
        }
        return result
    }

    /// A nested object, whose errors name the field as `outer.inner`.
    func object(_ key: String) throws(CacheError) -> CacheJSONObject {
        guard has(key), let raw = members[key] else { throw .missingField(file: file, field: field(key)) }
        guard let nested = raw as? [String: Any] else {
            throw .wrongType(file: file, field: field(key), expected: "an object")
        }
        let prefix = field(key)
        return CacheJSONObject(members: nested, file: file, field: { prefix + "." + $0 })
    }

    /// Foundation may bridge numbers to strings on some platforms; a number is never a string here.
    private static func isNumber(_ value: Any) -> Bool {
        value is NSNumber && !(value is String)
    }
}
