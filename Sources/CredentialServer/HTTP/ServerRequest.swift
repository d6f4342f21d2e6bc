import NIOHTTP1

/// One request as the router sees it: the method, the path (query removed), the length of the
/// request target and the headers, read in place (no copy, names compared ASCII-case-insensitively).
struct ServerRequest: Sendable {
    var method: String
    var path: Substring
    var targetBytes: Int
    var headers: HTTPHeaders

    init(method: String, path: Substring, targetBytes: Int, headers: HTTPHeaders) {
        self.method = method
        self.path = path
        self.targetBytes = targetBytes
        self.headers = headers
    }

    /// The request in `head`.
    init(_ head: HTTPRequestHead) {
        let target = head.uri
        let path = target.utf8.firstIndex(of: UInt8(ascii: "?")).map { target[..<$0] } ?? target[...]
        self.init(method: head.method.rawValue, path: path, targetBytes: target.utf8.count, headers: head.headers)
    }

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first(name: name)
    }

    /// How many times a header appears.
    func count(of name: String) -> Int {
        var count = 0
        for header in headers where Self.sameName(header.name, name) { count += 1 }
        return count
    }

    /// ASCII case-insensitive equality of two header names.
    private static func sameName(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return zip(lhs.utf8, rhs.utf8).allSatisfy { a, b in
            a == b || (a | 0x20 == b | 0x20 && (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7a)
        }
    }
}
