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
            Self.renderString(text, into: &output)
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
                Self.renderString(member.key, into: &output)
                output += ": "
                member.value.render(into: &output)
            }
            output += "}"
        }
    }

    private static func renderString(_ text: String, into output: inout String) {
        output += "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        output += "\""
    }
}
