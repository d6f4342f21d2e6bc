import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The production transport, on SwiftNIO (AsyncHTTPClient).
///
/// It replaces ``URLSessionTransport`` because Foundation's URLSession on Linux (libcurl driven by
/// libdispatch) was seen to spin its manager thread in `epoll_wait` for minutes under load while
/// requests never completed, and it costs more CPU per request. Here every request runs on NIO's
/// process-wide event loops through one shared client with a connection pool per host (up to
/// ``connectionsPerHost`` HTTP/1.1 connections each, for the credential fan-out). Redirects are not followed (a 3xx is
/// returned as it is), bodies are not decompressed, TLS trusts the system's roots, and each request
/// has an overall deadline covering connect, head and the whole body.
public struct NIOHTTPTransport: HTTPTransport {
    /// The deadline for requests that do not set their own.
    public let timeout: Duration

    /// Connections kept per host: as many as the session layer's limiter lets run at once at most
    /// (`AdaptiveLimiter.Configuration.maximumLimit`), so a request never queues for a connection.
    public static let connectionsPerHost = 64

    /// The largest response body accepted; a larger one is ``WireError/invalidResponse(operation:reason:)``.
    static let maxBodyBytes = 8 * 1024 * 1024

    public init(timeout: Duration = .seconds(30)) {
        self.timeout = timeout
    }

    public func send(_ request: HTTPRequest) async throws(WireError) -> HTTPResponse {
        let deadline = request.timeout ?? timeout
        var outgoing = HTTPClientRequest(url: request.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(body) }
        let prepared = outgoing
        let result = await DeadlineRace.run(deadline) {
            // AHC's own deadline ends at the response head; the race around this closure also covers the body.
            let response = try await SharedHTTPClient.client.execute(prepared, deadline: .now() + TimeAmount(deadline))
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name] = value }
            return HTTPResponse(status: Int(response.status.code), headers: headers, body: Data(body.readableBytesView))
        }
        switch result {
        case .success(let response):
            return response
        case .failure(let failure):
            throw Self.map(failure, operation: request.operation, deadline: deadline, url: request.url)
        }
    }

    /// The same contract as ``URLSessionTransport``. Only fixed texts and the URL's host and port go
    /// into a reason, never an error's own description (which may quote headers or a body).
    static func map(_ failure: DeadlineRace.Failure, operation: String, deadline: Duration, url: URL) -> WireError {
        let host = url.host.map { " (\($0)\(url.port.map { ":\($0)" } ?? ""))" } ?? ""
        let error: any Error
        switch failure {
        case .deadlinePassed:
            return .timedOut(operation: operation, after: deadline)
        case .error(let thrown):
            error = thrown
        }
        if error is CancellationError || Task.isCancelled { return .cancelled(operation: operation) }
        let failed = { (reason: String) in WireError.connectionFailed(operation: operation, reason: reason + host) }
        switch classify(error) {
        case .timedOut: return .timedOut(operation: operation, after: deadline)
        case .cancelled: return .cancelled(operation: operation)
        case .refused: return failed("connection refused")
        case .hostNotFound: return failed("host not found")
        case .dropped: return failed("connection dropped before a complete answer")
        case .connectTimedOut: return failed("connect timed out")
        case .poolExhausted: return failed("no free connection in time")
        case .noNetwork: return failed("no network")
        case .tls: return failed("TLS failed")
        case .badRequest: return failed("the request cannot be sent")
        case .tooLarge:
            return .invalidResponse(operation: operation, reason: "the response body is larger than 8 MiB\(host)")
        case .malformed: return .invalidResponse(operation: operation, reason: "malformed HTTP response\(host)")
        case .other: return failed("the request failed")
        }
    }

    enum Failure: Equatable {
        case timedOut, cancelled, refused, hostNotFound, dropped, connectTimedOut, poolExhausted, noNetwork, tls
        case badRequest, tooLarge, malformed, other
    }

    static func classify(_ error: any Error) -> Failure {
        switch error {
        case let error as HTTPClientError:
            return classify(error)
        case let error as NIOConnectionError:
            // Happy eyeballs: no address at all is a DNS failure, otherwise the first connect error decides.
            if let first = error.connectionErrors.first { return classify(first.error) }
            return .hostNotFound
        case is SocketAddressError:
            return .hostNotFound
        case let error as IOError:
            return classify(errno: error.errnoCode)
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return .connectTimedOut
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: return .dropped
            case .writeHostUnreachable: return .noNetwork
            default: return .other
            }
        case let error as HTTPParserError:
            // The connection ended in the middle of a message: dropped, not malformed.
            return error == .invalidEOFState ? .dropped : .malformed
        case is NIOTooManyBytesError:
            return .tooLarge
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError, is NIOSSLCloseTimedOutError:
            return .tls
        default:
            return .other
        }
    }

    private static func classify(_ error: HTTPClientError) -> Failure {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut
        case .cancelled: return .cancelled
        case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch: return .dropped
        case .connectTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout: return .connectTimedOut
        case .tlsHandshakeTimeout: return .tls
        case .getConnectionFromPoolTimeout: return .poolExhausted
        case .invalidURL, .emptyHost, .emptyScheme, .traceRequestWithBody: return .badRequest
        case .invalidProxyResponse: return .malformed
        default:
            // Cases carrying data (unsupported scheme, invalid header names or values) are compared by
            // kind without ever putting that data into the error.
            return .other
        }
    }

    private static func classify(errno code: CInt) -> Failure {
        switch code {
        case ECONNREFUSED: return .refused
        case ECONNRESET, ECONNABORTED, EPIPE, ENOTCONN: return .dropped
        case ETIMEDOUT: return .connectTimedOut
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EADDRNOTAVAIL: return .noNetwork
        default: return .other
        }
    }
}

/// The one `HTTPClient` of the process, on NIO's process-wide event loop group. It is never shut
/// down: a static is never deinitialised, so AHC's "not shut down" check never fires.
enum SharedHTTPClient {
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: NIOHTTPTransport.connectionsPerHost),
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        // Fail a connection that cannot be made at once (refused, no route) instead of retrying it
        // with backoff until the connect timeout: the clients' RetryPolicy decides about retries,
        // as it did with URLSession.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }()
}
