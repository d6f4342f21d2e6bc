/// Encodes JSON exactly as Python's `json.dumps` does with its default `ensure_ascii=True`, so that the
/// cache keys (SHA-1 of a JSON string) and the cache files match the AWS CLI v2 and botocore byte for byte.
/// Foundation's encoders differ (they escape `/`, emit non-ASCII as UTF-8, and order keys differently).
public enum PythonJSON {
    /// A JSON value. Objects keep their members in the given order (Python dicts keep insertion order);
    /// `encode(_:separators:sortKeys:)` sorts them by code point when asked to, as `sort_keys=True` does.
    public indirect enum Value: Sendable, Equatable {
        case string(String)
        case integer(Int)
        case bool(Bool)
        case null
        case array([Value])
        case object([(key: String, value: Value)])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.string(let a), .string(let b)): a == b
            case (.integer(let a), .integer(let b)): a == b
            case (.bool(let a), .bool(let b)): a == b
            case (.null, .null): true
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)):
                a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: false
            }
        }
    }

    /// The item and key separators, as `json.dumps(separators=...)` takes them.
    public struct Separators: Sendable, Equatable {
        public var item: String
        public var key: String
        public init(item: String, key: String) {
            self.item = item
            self.key = key
        }
        /// Python's default: `", "` and `": "`; used for cache files and the registration key.
        public static let standard = Separators(item: ", ", key: ": ")
        /// `separators=(",", ":")`; used for the role credential key.
        public static let compact = Separators(item: ",", key: ":")
    }

    /// Renders `value` as `json.dumps(value, separators=…, sort_keys=…)` would.
    /// - Parameters:
    ///   - value: the value to render.
    ///   - separators: `.standard` (Python's default) or `.compact`.
    ///   - sortKeys: sort object members by Unicode code point, as `sort_keys=True`.
    /// - Returns: pure-ASCII text with no trailing newline.
    public static func encode(_ value: Value, separators: Separators = .standard, sortKeys: Bool = false) -> String {
        var output = ""
        write(value, into: &output, separators: separators, sortKeys: sortKeys)
        return output
    }

    /// Renders one string literal (quotes included) as Python's `json.dumps(text)` does.
    public static func quote(_ text: String) -> String {
        var output = ""
        writeString(text, into: &output)
        return output
    }

    private static func write(_ value: Value, into output: inout String, separators: Separators, sortKeys: Bool) {
        switch value {
        case .string(let text):
            writeString(text, into: &output)
        case .integer(let number):
            output += String(number)
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .null:
            output += "null"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += separators.item }
                write(item, into: &output, separators: separators, sortKeys: sortKeys)
            }
            output += "]"
        case .object(let members):
            let ordered = sortKeys ? members.sorted { codePointOrder($0.key, $1.key) } : members
            output += "{"
            for (index, member) in ordered.enumerated() {
                if index > 0 { output += separators.item }
                writeString(member.key, into: &output)
                output += separators.key
                write(member.value, into: &output, separators: separators, sortKeys: sortKeys)
            }
            output += "}"
        }
    }

    /// Python compares `str` keys by code point; Swift's `<` on String does not promise that order.
    static func codePointOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) { $0.value < $1.value }
    }

    private static func writeString(_ text: String, into output: inout String) {
        // Keys, tokens and timestamps are printable ASCII with nothing to escape: copied at once.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E && $0 != 0x22 && $0 != 0x5C }) {
            output += "\""
            output += text
            output += "\""
            return
        }
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                // Python's ESCAPE_ASCII leaves only the printable range " "..."~" as it is.
                if scalar.value >= 0x20 && scalar.value <= 0x7E {
                    output.unicodeScalars.append(scalar)
                } else if scalar.value > 0xFFFF {
                    let offset = scalar.value - 0x10000
                    output += unicodeEscape(0xD800 + (offset >> 10))
                    output += unicodeEscape(0xDC00 + (offset & 0x3FF))
                } else {
                    output += unicodeEscape(scalar.value)
                }
            }
        }
        output += "\""
    }

    private static func unicodeEscape(_ unit: UInt32) -> String {
        let hex = String(unit, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
