import AWSFormats
import SessionActors

/// One answer: status, body and its type, and any extra headers (IMDS token TTLs).
struct ServerResponse: Sendable {
    var status: Int
    var body: String
    var contentType = "application/json"
    var headers: [(name: String, value: String)] = []
    /// Close the connection after this answer (refusals and bad requests do).
    var close = false

    /// An error in the shape the SDKs show: `{"Code": …, "Message": …}`.
    static func error(_ status: Int, code: String, message: String, close: Bool = false) -> ServerResponse {
        ServerResponse(status: status, body: JSONText.object([("Code", code), ("Message", message)]), close: close)
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
