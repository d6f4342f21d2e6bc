import Foundation
import Hummingbird

/// STS's awsQuery answers: `<ActionResponse><ActionResult>…` documents and `<ErrorResponse>` errors.
enum STSReply {
    static let namespace = "https://sts.amazonaws.com/doc/2011-06-15/"

    /// A success document with `result` (already XML) inside `<ActionResult>`.
    static func success(_ action: String, result: String) -> Response {
        let requestID = UUID().uuidString.lowercased()
        let xml = """
            <\(action)Response xmlns="\(namespace)">
              <\(action)Result>\(result)</\(action)Result>
              <ResponseMetadata><RequestId>\(requestID)</RequestId></ResponseMetadata>
            </\(action)Response>
            """
        return JSONReply.make(status: 200, data: Data(xml.utf8), contentType: "text/xml")
    }

    /// The error document; throttling is STS's `Throttling` with status 400.
    static func error(_ failure: ServiceFailure) -> Response {
        let throttled = failure.shape == .tooManyRequests
        let code = throttled ? "Throttling" : failure.shape.rawValue
        let status = throttled ? 400 : failure.shape.status
        let kind = status >= 500 ? "Receiver" : "Sender"
        let xml = """
            <ErrorResponse xmlns="\(namespace)">
              <Error><Type>\(kind)</Type><Code>\(code)</Code><Message>\(escape(failure.message))</Message></Error>
              <RequestId>\(UUID().uuidString.lowercased())</RequestId>
            </ErrorResponse>
            """
        var headers: HTTPFields = [:]
        if let seconds = failure.retryAfterSeconds { headers[.retryAfter] = String(seconds) }
        return JSONReply.make(status: status, data: Data(xml.utf8), contentType: "text/xml", extraHeaders: headers)
    }

    /// Text escaped for an XML element.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    /// `application/x-www-form-urlencoded` fields (`+` is a space).
    static func formFields(_ body: [UInt8]) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
