import Foundation

/// Builds rest-json requests against one service endpoint and interprets the answers: the part
/// the OIDC and portal clients share.
struct RestJSONEndpoint: Sendable {
    let endpoint: URL
    let transport: any HTTPTransport
    let timeout: Duration?
    let userAgent: String

    /// The endpoint's URL with `path` appended to its own path and `query` as the query.
    func url(path: String, query: String?) -> URL {
        Self.url(endpoint, path: path, query: query)
    }

    /// `endpoint` with `path` appended to its own path and `query` as the query.
    static func url(_ endpoint: URL, path: String, query: String?) -> URL {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            return endpoint.appendingPathComponent(path)
        }
        var base = components.percentEncodedPath
        while base.hasSuffix("/") { base.removeLast() }
        components.percentEncodedPath = base + path
        components.percentEncodedQuery = (query?.isEmpty ?? true) ? nil : query
        components.fragment = nil
        return components.url ?? endpoint.appendingPathComponent(path)
    }

    /// Sends a request and returns the body of a 2xx answer.
    /// - Throws: ``WireError/service(_:)`` for any status >= 300, or the transport's error.
    func call(
        operation: String, method: String, path: String, query: String? = nil,
        headers: [(String, String)] = [], json: JSONBody? = nil, form: String? = nil, emptyBody: Bool = false
    ) async throws(WireError) -> Data {
        var allHeaders: [(String, String)] = [("User-Agent", userAgent)]
        var body: Data?
        if let json {
            allHeaders.append(("Content-Type", "application/json"))
            body = json.data
        } else if let form {
            allHeaders.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Data(form.utf8)
        } else if emptyBody {
            body = Data()  // sent with Content-Length: 0 and no Content-Type, as botocore sends Logout
        }
        allHeaders += headers
        let request = HTTPRequest(
            method: method, url: url(path: path, query: query), headers: allHeaders, body: body,
            timeout: timeout, operation: operation
        )
        let response = try await transport.send(request)
        guard (200..<300).contains(response.status) else {
            throw .service(ServiceErrorDecoder.decode(operation: operation, response: response))
        }
        return response.body
    }

    /// Decodes a 2xx body, naming only the missing or mistyped field on failure (never a value).
    func decode<T: Decodable>(_ type: T.Type, from data: Data, operation: String) throws(WireError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw .invalidResponse(
                operation: operation, reason: "missing field \(Self.path(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw .invalidResponse(
                operation: operation, reason: "field \(Self.path(context.codingPath)) has the wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .invalidResponse(operation: operation, reason: "field \(Self.path(context.codingPath)) is null")
        } catch {
            throw .invalidResponse(operation: operation, reason: "the body is not valid JSON (\(data.count) bytes)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}
