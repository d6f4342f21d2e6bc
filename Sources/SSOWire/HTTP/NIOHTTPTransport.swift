import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The production transport, on SwiftNIO (AsyncHTTPClient).
///
/// It replaces ``URLSessionTransport`` because Foundation's URLSession on Linux (libcurl driven by
/// libdispatch) was seen to spin its manager thread in `epoll_wait` for minutes under load while
/// requests never completed, and it costs more CPU per request. Here every request runs on NIO's
/// event loops through a client of ``HTTPClients`` (owned by the scope that made the transport) with a
/// connection pool per host (up to
/// ``connectionsPerHost`` HTTP/1.1 connections each, for the credential fan-out). Redirects are not followed (a 3xx is
/// returned as it is), bodies are not decompressed, TLS trusts the system's roots (or, with a
/// ``CABundle``, exactly the certificates of that file, as botocore's `ca_bundle`), and each request
/// has an overall deadline covering connect, head and the whole body.
///
/// With ``ProxySettings`` (from `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`), a request whose URL has a
/// proxy goes through a client of that proxy instead, tunnelled with HTTP `CONNECT` (AHC does so for
/// `http://` URLs too, where urllib3 would forward the request in absolute form).
public struct NIOHTTPTransport: HTTPTransport {
    /// The clients requests go through; their scope decides how long this transport works.
    public let clients: HTTPClients

    /// The deadline for requests that do not set their own.
    public let timeout: Duration

    /// The proxies requests go through; ``ProxySettings/none`` for direct connections only.
    public let proxies: ProxySettings

    /// The certificate authorities TLS trusts instead of the system's roots; nil for the system's roots.
    public let caBundle: CABundle?

    /// Connections kept per host: as many as the session layer's limiter lets run at once at most
    /// (`AdaptiveLimiter.Configuration.maximumLimit`), so a request never queues for a connection.
    public static let connectionsPerHost = 64

    /// The largest response body accepted; a larger one is ``WireError/invalidResponse(operation:reason:)``.
    static let maxBodyBytes = 8 * 1024 * 1024

    public init(
        clients: HTTPClients, timeout: Duration = .seconds(30), proxies: ProxySettings = .none,
        caBundle: CABundle? = nil
    ) {
        self.clients = clients
        self.timeout = timeout
        self.proxies = proxies
        self.caBundle = caBundle
    }

    public func send(_ request: HTTPRequest) async throws(WireError) -> HTTPResponse {
        EventLoopGlobalExecutor.installIfArmed()
        let deadline = request.timeout ?? timeout
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(body) }
        let prepared = outgoing
        let proxy = proxies.isEmpty ? nil : proxies.proxy(for: request.url)
        guard let client = await clients.client(proxy: proxy, caBundle: caBundle) else {
            throw .cancelled(operation: request.operation)
        }
        let timer = client.eventLoopGroup.any()
        @Sendable func sleep(_ duration: Duration) async throws { try await timer.deadlineSleep(for: duration) }
        let result = await DeadlineRace.run(deadline, sleep: sleep) {
            // AHC's own deadline ends at the response head; the race around this closure also covers the body.
            let response = try await client.execute(prepared, deadline: .now() + TimeAmount(deadline))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name] = value }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        }
        switch result {
        case .success(let response):
            return response
        case .failure(let failure):
            throw Self.map(failure, operation: request.operation, deadline: deadline, url: request.url, proxy: proxy)
        }
    }

    /// The same contract as ``URLSessionTransport``. Only fixed texts and the URL's host and port go
    /// into a reason, never an error's own description (which may quote headers or a body). Through a
    /// proxy, a failure to reach the proxy or to open the tunnel names the proxy's host and port (never
    /// its credentials): "cannot connect through proxy proxy.corp:3128: connection refused".
    static func map(
        _ failure: DeadlineRace.Failure, operation: String, deadline: Duration, url: URL, proxy: ProxyServer? = nil
    ) -> WireError {
        let target = url.host.map { "\($0)\(url.port.map { ":\($0)" } ?? "")" }
        let place = [target, proxy.map { "via proxy \($0.authority)" }].compactMap { $0 }.joined(separator: " ")
        let host = place.isEmpty ? "" : " (\(place))"
        let error: any Error
        switch failure {
        case .deadlinePassed:
            return .timedOut(operation: operation, after: deadline)
        case .error(let thrown):
            error = thrown
        }
        if error is CancellationError || Task.isCancelled { return .cancelled(operation: operation) }
        let failed = { (reason: String) in WireError.connectionFailed(operation: operation, reason: reason + host) }
        let kind = classify(error)
        if let proxy, let reason = Self.proxyReason(kind) {
            let to = target.map { " (to \($0))" } ?? ""
            return .connectionFailed(
                operation: operation, reason: "cannot connect through proxy \(proxy.authority): \(reason)\(to)")
        }
        switch kind {
        case .timedOut: return .timedOut(operation: operation, after: deadline)
        case .cancelled: return .cancelled(operation: operation)
        case .refused: return failed("connection refused")
        case .hostNotFound: return failed("host not found")
        case .dropped: return failed("connection dropped before a complete answer")
        case .connectTimedOut: return failed("connect timed out")
        case .poolExhausted: return failed("no free connection in time")
        case .noNetwork: return failed("no network")
        case .tls: return failed("TLS failed")
        case .untrustedCertificate:
            return failed(
                "the server's certificate is not trusted (a TLS-intercepting proxy?); "
                    + "set AWS_CA_BUNDLE or ca_bundle to your organisation's CA bundle")
        case .badRequest: return failed("the request cannot be sent")
        case .tooLarge:
            return .invalidResponse(operation: operation, reason: "the response body is larger than 8 MiB\(host)")
        case .malformed: return .invalidResponse(operation: operation, reason: "malformed HTTP response\(host)")
        case .other: return failed("the request failed")
        case .proxyRejected: return failed("the proxy refused the tunnel")
        case .proxyAuthenticationRequired: return failed("the proxy requires authentication")
        case .proxyHandshakeTimedOut: return failed("the proxy did not answer CONNECT in time")
        }
    }

    /// Why the proxy could not be used, for the failures that happen before the tunnel is open.
    private static func proxyReason(_ kind: Failure) -> String? {
        switch kind {
        case .refused: "connection refused"
        case .hostNotFound: "proxy host not found"
        case .connectTimedOut: "connect timed out"
        case .noNetwork: "no network"
        case .proxyRejected: "the proxy refused the tunnel (its answer to CONNECT was not 2xx)"
        case .proxyAuthenticationRequired:
            "the proxy requires authentication (HTTP 407); put user:password@ in the proxy variable"
        case .proxyHandshakeTimedOut: "the proxy did not answer CONNECT in time"
        default: nil
        }
    }
}
