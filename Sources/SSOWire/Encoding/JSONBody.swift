import AWSFormats
public import Foundation

/// A JSON value with ordered object keys, rendered the way botocore's `json.dumps` renders request
/// bodies: members in the order given, separators `", "` and `": "`, non-ASCII as `\uXXXX`.
public indirect enum JSONBody: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case array([JSONBody])
    case object([Member])
    case null

    /// One object member; nil values are dropped by ``object(dropping:)``.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONBody
        public init(_ key: String, _ value: JSONBody) {
            self.key = key
            self.value = value
        }
    }

    /// An object from optional members, leaving out those whose value is nil (botocore sends no
    /// key at all for an unset optional member).
    public static func object(dropping members: [(String, JSONBody?)]) -> JSONBody {
        .object(members.compactMap { key, value in value.map { Member(key, $0) } })
    }

    /// A string array, or nil when the array itself is nil.
    public static func strings(_ values: [String]?) -> JSONBody? {
        values.map { .array($0.map(JSONBody.string)) }
    }

    /// The rendered UTF-8 bytes.
    public var data: Data { Data(rendered.utf8) }

    /// The rendered text.
    public var rendered: String {
        var output = ""
        render(into: &output)
        return output
    }

    private func render(into output: inout String) {
        switch self {
        case .string(let text):
            output += PythonJSON.quote(text)
        case .integer(let number):
            output += String(number)
        case .null:
            output += "null"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                item.render(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += ", " }
                output += PythonJSON.quote(member.key)
                output += ": "
                member.value.render(into: &output)
            }
            output += "}"
        }
    }
}
