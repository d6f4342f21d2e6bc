import Foundation

/// What the loopback listener does with one HTTP request: parses the request head and decides the
/// answer and whether the login is over. Pure, so every case is tested without sockets.
enum LoopbackCallback {
    /// The only path that is answered with anything but 404.
    static let callbackPath = "/oauth/callback"
    /// Largest request head accepted (a browser's is a few KiB).
    static let maxHeadBytes = 16 * 1024

    struct Request: Equatable {
        var method: String
        var path: String
        var query: [String: String]
    }

    enum Outcome: Equatable {
        case keepWaiting
        case code(String)
        case failed(LoginError.Summary)
    }

    struct Decision: Equatable {
        var status: Int
        var page: String
        var outcome: Outcome
    }

    /// Parses `GET /path?query HTTP/1.1` from the bytes before the first `\r\n`; nil if malformed.
    static func parseHead(_ head: some Collection<UInt8>) -> Request? {
        let text = String(decoding: head, as: UTF8.self)
        guard let requestLine = text.split(separator: "\r\n", maxSplits: 1, omittingEmptySubsequences: false).first
        else { return nil }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/") else { return nil }
        let target = parts[1]
        let pathAndQuery = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(pathAndQuery[0])
        let query = pathAndQuery.count > 1 ? parseQuery(String(pathAndQuery[1])) : [:]
        return Request(method: String(parts[0]), path: path, query: query)
    }

    /// `a=1&b=x%20y` → ["a": "1", "b": "x y"]; `+` is a space; the first occurrence of a name wins.
    static func parseQuery(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let nameValue = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(nameValue[0])
            let value = nameValue.count > 1 ? decode(nameValue[1]) : ""
            if result[name] == nil { result[name] = value }
        }
        return result
    }

    private static func decode(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The answer to a request, given the `state` this login sent to /authorize.
    static func decide(_ request: Request?, expectedState: String) -> Decision {
        guard let request else {
            return Decision(status: 400, page: LoopbackPages.badRequest, outcome: .keepWaiting)
        }
        guard request.method == "GET" else {
            return Decision(status: 405, page: LoopbackPages.notFound, outcome: .keepWaiting)
        }
        guard request.path == callbackPath else {
            return Decision(status: 404, page: LoopbackPages.notFound, outcome: .keepWaiting)
        }
        if let error = request.query["error"] {
            let summary = LoginError.Summary.denied(
                error: sanitize(error), description: request.query["error_description"].map(sanitize))
            return Decision(status: 200, page: LoopbackPages.failed, outcome: .failed(summary))
        }
        guard let code = request.query["code"], !code.isEmpty else {
            return Decision(status: 400, page: LoopbackPages.badRequest, outcome: .keepWaiting)
        }
        guard request.query["state"] == expectedState else {
            return Decision(status: 400, page: LoopbackPages.failed, outcome: .failed(.stateMismatch))
        }
        return Decision(status: 200, page: LoopbackPages.success, outcome: .code(code))
    }

    /// Text from the browser shown in an error: printable ASCII only, at most 200 characters.
    static func sanitize(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value < 0x7F }).prefix(200))
    }
}

extension LoginError {
    /// The listener's failures in an Equatable form (the listener's thread hands it back).
    enum Summary: Equatable, Sendable {
        case denied(error: String, description: String?)
        case stateMismatch

        var error: LoginError {
            switch self {
            case .denied(let error, let description): .authorizationDenied(error: error, description: description)
            case .stateMismatch: .stateMismatch
            }
        }
    }
}
