public import Foundation

/// One HTTP request as the OIDC and portal clients build it: the seam's input, free of any
/// concrete HTTP library so that the transport can be swapped.
public struct HTTPRequest: Sendable {
    /// The HTTP method, e.g. `GET` or `POST`.
    public var method: String
    /// The full URL including the percent-encoded query.
    public var url: URL
    /// Header fields in the order they are sent.
    public var headers: [(String, String)]
    /// The body, or nil for none.
    public var body: Data?
    /// Overall deadline for this request; nil uses the transport's default.
    public var timeout: Duration?
    /// The API operation this request performs (e.g. `CreateToken`), used in error messages only.
    public var operation: String

    public init(
        method: String,
        url: URL,
        headers: [(String, String)] = [],
        body: Data? = nil,
        timeout: Duration? = nil,
        operation: String? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.operation = operation ?? "\(method) \(url.path)"
    }
}

/// One HTTP response: status, headers (names lower-cased) and the whole body.
public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header fields with lower-cased names; a repeated field keeps its last value.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    /// The value of a header field, looked up case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
