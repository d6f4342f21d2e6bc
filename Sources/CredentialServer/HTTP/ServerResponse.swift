import AWSFormats
import Foundation
import NIOCore
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
    /// The whole answer as sent: status line, headers (`Connection` as `keepAlive` says) and body, in
    /// one buffer, so it goes out in one write.
    func encoded(keepAlive: Bool) -> ByteBuffer {
        var head = "HTTP/1.1 \(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase)\r\n"
        head += "Content-Type: \(contentType)\r\nContent-Length: \(body.utf8.count)\r\nCache-Control: no-store\r\n"
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var buffer = ByteBufferAllocator().buffer(capacity: head.utf8.count + body.utf8.count)
        buffer.writeString(head)
        buffer.writeString(body)
        return buffer
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
