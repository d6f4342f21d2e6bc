/// A strict reader of the plain JSON a cache file holds, for `credential-process`'s warm path, which
/// would otherwise spend more time starting `JSONSerialization` and its dynamic casts than reading
/// the file. It reads printable ASCII only, without backslash escapes, strictly as RFC 8259 has it,
/// with no repeated key in any object; anything else gives nil, and the caller uses
/// ``CacheJSONObject``, which reads every file the AWS CLI accepts.
enum StrictJSON {
    /// A value, its strings as ranges of the bytes read.
    indirect enum Value {
        case string(Range<Int>)
        case object([(key: Range<Int>, value: Value)])
        case null
        /// A number, `true`, `false` or an array.
        case other
    }

    /// The document `bytes` holds, or nil.
    static func parse(_ bytes: [UInt8]) -> Value? {
        var reader = Reader(bytes: bytes)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipSpace()
        return reader.index == bytes.count ? value : nil
    }

    /// The string `key` of `members`, when there is one.
    static func member(_ members: [(key: Range<Int>, value: Value)], _ key: String, in bytes: [UInt8]) -> Value? {
        members.first { bytes[$0.key].elementsEqual(key.utf8) }?.value
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) -> Value? {
            skipSpace()
            guard index < bytes.count, depth < 16 else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map { .string($0) }
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "t"): return literal("true") ? .other : nil
            case UInt8(ascii: "f"): return literal("false") ? .other : nil
            default: return number() ? .other : nil
            }
        }

        private mutating func object(depth: Int) -> Value? {
            index += 1
            var members: [(key: Range<Int>, value: Value)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard let key = string(), !members.contains(where: { bytes[$0.key].elementsEqual(bytes[key]) }) else {
                    return nil
                }
                skipSpace()
                guard expect(":"), let value = value(depth: depth + 1) else { return nil }
                members.append((key, value))
                skipSpace()
                if expect(",") { continue }
                return expect("}") ? .object(members) : nil
            }
        }

        private mutating func array(depth: Int) -> Value? {
            index += 1
            skipSpace()
            if expect("]") { return .other }
            while true {
                guard value(depth: depth + 1) != nil else { return nil }
                skipSpace()
                if expect(",") { continue }
                return expect("]") ? .other : nil
            }
        }

        /// A string of printable ASCII without escapes: the range between its quotes.
        private mutating func string() -> Range<Int>? {
            guard expect("\"") else { return nil }
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                let byte = bytes[index]
                guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            index += 1
            return start..<(index - 1)
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func number() -> Bool {
            _ = expect("-")
            if expect("0") {
                // A leading zero stands alone.
            } else if digits() == 0 {
                return false
            }
            if expect("."), digits() == 0 { return false }
            if expect("e") || expect("E") {
                if !expect("+") { _ = expect("-") }
                if digits() == 0 { return false }
            }
            return true
        }

        private mutating func digits() -> Int {
            let start = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - start
        }

        private mutating func literal(_ word: String) -> Bool {
            let end = index + word.utf8.count
            guard end <= bytes.count, bytes[index..<end].elementsEqual(word.utf8) else { return false }
            index = end
            return true
        }

        private mutating func expect(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
    }
}
