import Foundation

/// One request as the router sees it: the method, the path (query removed) and the headers that matter.
struct ServerRequest: Sendable {
    var method: String
    var path: String
    var headers: [(name: String, value: String)]

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// How many times a header appears.
    func count(of name: String) -> Int {
        headers.count { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
