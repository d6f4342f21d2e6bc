/// One request as the router sees it: the method, the path (query removed), the length of the
/// request target and the header fields, as slices of the one string the request head was read into
/// (names compared ASCII-case-insensitively).
struct ServerRequest: Sendable {
    var method: Substring
    var path: Substring
    var targetBytes: Int
    var fields: [(name: Substring, value: Substring)]

    init(method: Substring, target: Substring, fields: [(name: Substring, value: Substring)]) {
        self.method = method
        path = target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target
        targetBytes = target.utf8.count
        self.fields = fields
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: StaticString) -> Substring? {
        for field in fields where field.name.isASCII(name, ignoringCase: true) { return field.value }
        return nil
    }

    /// How many times a header appears.
    func count(of name: StaticString) -> Int {
        var count = 0
        for field in fields where field.name.isASCII(name, ignoringCase: true) { count += 1 }
        return count
    }
}

extension Substring {
    /// Byte-wise equality with ASCII `text` (request heads are bytes: no Unicode comparison), optionally
    /// ignoring ASCII case.
    func isASCII(_ text: StaticString, ignoringCase: Bool = false) -> Bool {
        utf8.count == text.utf8CodeUnitCount && hasASCIIPrefix(text, ignoringCase: ignoringCase)
    }

    /// Whether the bytes start with ASCII `text`.
    func hasASCIIPrefix(_ text: StaticString, ignoringCase: Bool = false) -> Bool {
        let expected = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        guard utf8.count >= expected.count else { return false }
        var offset = 0
        for byte in utf8 {
            guard offset < expected.count else { return true }
            let wanted = expected[offset]
            guard
                byte == wanted
                    || ignoringCase && byte | 0x20 == wanted | 0x20 && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a
            else { return false }
            offset += 1
        }
        return true
    }

    /// What follows the first `count` bytes (which end on a character boundary: ASCII).
    func droppingASCIIPrefix(_ count: Int) -> Substring {
        self[utf8.index(startIndex, offsetBy: count)...]
    }
}
