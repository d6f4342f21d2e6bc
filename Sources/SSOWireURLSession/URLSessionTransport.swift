import Foundation
public import SSOWire

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The Foundation alternative to the production ``NIOHTTPTransport``: one shared `URLSession`
/// (ephemeral, no cookies, no cache, many connections per host for the credential fan-out,
/// redirects not followed) with an overall deadline on every request.
public final class URLSessionTransport: HTTPTransport {
    /// The deadline for requests that do not set their own.
    public let timeout: Duration
    private let session: URLSession

    public init(timeout: Duration = .seconds(30), maxConnectionsPerHost: Int = 64) {
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnectionsPerHost)
        configuration.timeoutIntervalForRequest = Self.backstop(timeout)
        self.session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: HTTPRequest) async throws(WireError) -> HTTPResponse {
        let deadline = request.timeout ?? timeout
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // Our own race below enforces the exact deadline; URLSession's idle timeout is a backstop
        // in whole seconds (on Linux a sub-second value fires at once).
        urlRequest.timeoutInterval = Self.backstop(deadline)
        urlRequest.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        urlRequest.httpShouldHandleCookies = false
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let prepared = urlRequest
        let result = await DeadlineRace.run(deadline) { [session] in
            try await session.cancellableData(for: prepared)
        }
        switch result {
        case .success(let (data, response)):
            guard let http = response as? HTTPURLResponse else {
                throw .invalidResponse(operation: request.operation, reason: "the response is not HTTP")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return HTTPResponse(status: http.statusCode, headers: headers, body: data)
        case .failure(let failure):
            throw Self.map(failure, operation: request.operation, deadline: deadline, url: request.url)
        }
    }

    private static func map(_ failure: DeadlineRace.Failure, operation: String, deadline: Duration, url: URL)
        -> WireError
    {
        let host = url.host.map { " (\($0)\(url.port.map { ":\($0)" } ?? ""))" } ?? ""
        switch failure {
        case .deadlinePassed:
            return .timedOut(operation: operation, after: deadline)
        case .error(let error):
            if error is CancellationError || Task.isCancelled { return .cancelled(operation: operation) }
            guard let urlError = error as? URLError else {
                return .connectionFailed(operation: operation, reason: "the request failed\(host)")
            }
            switch urlError.code {
            case .timedOut:
                return .timedOut(operation: operation, after: deadline)
            case .cancelled:
                return .cancelled(operation: operation)
            case .cannotConnectToHost:
                return .connectionFailed(operation: operation, reason: "connection refused\(host)")
            case .cannotFindHost, .dnsLookupFailed:
                return .connectionFailed(operation: operation, reason: "host not found\(host)")
            case .networkConnectionLost, .badServerResponse:
                return .connectionFailed(
                    operation: operation, reason: "connection dropped before a complete answer\(host)")
            case .notConnectedToInternet:
                return .connectionFailed(operation: operation, reason: "no network\(host)")
            case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
                .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
                return .connectionFailed(operation: operation, reason: "TLS failed\(host)")
            case .cannotParseResponse:
                return .invalidResponse(operation: operation, reason: "malformed HTTP response\(host)")
            default:
                return .connectionFailed(operation: operation, reason: "URL error \(urlError.code.rawValue)\(host)")
            }
        }
    }

    private static func backstop(_ deadline: Duration) -> TimeInterval {
        deadline.timeInterval.rounded(.up) + 1
    }
}

/// Refuses every redirect: the APIs never redirect, so a 3xx is returned to the client as an error.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
