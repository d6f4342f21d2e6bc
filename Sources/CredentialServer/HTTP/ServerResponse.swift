import AWSFormats
import Foundation
import NIOHTTP1
import SessionActors

/// One answer: status, body and its type, and any extra headers (IMDS token TTLs).
struct ServerResponse: Sendable {
    var status: Int
    var body: String
    var contentType = "application/json"
    var headers: [(name: String, value: String)] = []
    /// Close the connection after this answer (refusals and bad requests do).
    var close = false
    /// On a credentials document that was fresh when fetched: when those credentials expire (the
    /// connection handler keeps such an answer for its event loop while they stay fresh).
    var credentialsExpiration: Date?

    /// An error in the shape the SDKs show: `{"Code": …, "Message": …}`.
    static func error(_ status: Int, code: String, message: String, close: Bool = false) -> ServerResponse {
        ServerResponse(status: status, body: JSONText.object([("Code", code), ("Message", message)]), close: close)
    }
}

extension ServerResponse {
    /// The response head, with `Connection` as `keepAlive` says.
    func head(keepAlive: Bool) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        headers.reserveCapacity(4 + self.headers.count)
        headers.add(name: "Content-Type", value: contentType)
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Cache-Control", value: "no-store")
        for header in self.headers { headers.add(name: header.name, value: header.value) }
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        return HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
    }
}

/// Compact JSON text for flat objects of strings and arrays of strings, with keys in the order given
/// (through the caches' encoder: ASCII-only output, every other character escaped).
enum JSONText {
    static func object(_ fields: [(String, String)]) -> String {
        PythonJSON.encode(.object(fields.map { (key: $0.0, value: .string($0.1)) }), separators: .compact)
    }

    static func array(_ values: [String]) -> String {
        PythonJSON.encode(.array(values.map { .string($0) }), separators: .compact)
    }
}
