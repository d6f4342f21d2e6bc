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
    func header(_ name: String) -> Substring? {
        for field in fields where Self.sameName(field.name, name) { return field.value }
        return nil
    }

    /// How many times a header appears.
    func count(of name: String) -> Int {
        var count = 0
        for field in fields where Self.sameName(field.name, name) { count += 1 }
        return count
    }

    /// ASCII case-insensitive equality of two header names.
    static func sameName(_ lhs: Substring, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return zip(lhs.utf8, rhs.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7a)
        }
    }
}
