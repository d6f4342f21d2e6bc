import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

/// The `HTTPClient`s one scope owns: one for direct connections and one per proxy and CA bundle
/// (AsyncHTTPClient sets both per client), made on first use on NIO's event loops and shut down
/// together when the scope ends. ``with(isolation:_:)`` is the way to get one; a transport built on
/// it fails with ``WireError/cancelled(operation:)`` once it is shut down.
public actor HTTPClients {
    private struct Key: Hashable {
        var proxy: ProxyServer?
        var caBundle: CABundle?
    }

    private var clients: [Key: HTTPClient] = [:]
    private var shutDown = false

    /// An empty set; whoever makes it must call ``shutdown()`` (``with(isolation:_:)`` does).
    public init() {}

    /// Runs `body` with a new set of clients and shuts them down when it returns, throws or is
    /// cancelled; requests still in flight then fail.
    public static func with<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (HTTPClients) async throws -> Result
    ) async throws -> Result {
        let clients = HTTPClients()
        let result: Result
        do {
            result = try await body(clients)
        } catch {
            await clients.shutdown()
            throw error
        }
        await clients.shutdown()
        return result
    }

    /// The client that tunnels through `proxy` (nil: direct) and trusts `caBundle` (nil: the system's
    /// roots); nil once the set is shut down.
    func client(proxy: ProxyServer?, caBundle: CABundle?) -> HTTPClient? {
        guard !shutDown else { return nil }
        let key = Key(proxy: proxy, caBundle: caBundle)
        if let client = clients[key] { return client }
        let client = Self.make(proxy: proxy, caBundle: caBundle)
        clients[key] = client
        return client
    }

    /// How many clients were made and are not shut down yet.
    public var count: Int { clients.count }

    /// Whether ``shutdown()`` ran.
    public var isShutDown: Bool { shutDown }

    /// Shuts every client down (their connections close, requests in flight fail); later requests fail at once.
    public func shutdown() async {
        shutDown = true
        let open = Array(clients.values)
        clients = [:]
        for client in open { try? await client.shutdown() }
    }

    /// A client with the transport's settings (64 connections per host, no redirects, no
    /// decompression, HTTP/1.1), tunnelling through `proxy` when one is given, and trusting exactly the
    /// certificates of `caBundle` instead of the system's roots when one is given.
    static func make(proxy: ProxyServer?, caBundle: CABundle?) -> HTTPClient {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(10)),
            connectionPool: .init(
                idleTimeout: .seconds(60),
                concurrentHTTP1ConnectionsPerHostSoftLimit: NIOHTTPTransport.connectionsPerHost),
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        // Fail a connection that cannot be made at once (refused, no route) instead of retrying it
        // with backoff until the connect timeout: the clients' RetryPolicy decides about retries,
        // as it did with URLSession.
        configuration.connectionPool.retryConnectionEstablishment = false
        if let proxy {
            let authorization = proxy.basicCredentials.map {
                HTTPClient.Authorization.basic(username: $0.username, password: $0.password)
            }
            configuration.proxy = .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
        if let caBundle { configuration.tlsConfiguration = tlsConfiguration(trusting: caBundle) }
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }

    /// NIOSSL's client defaults with `caBundle`'s certificates as the only trust roots: they replace the
    /// system's roots (urllib3's `ca_certs`), nothing is added to them.
    static func tlsConfiguration(trusting caBundle: CABundle) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(caBundle.certificates)
        tls.additionalTrustRoots = []
        return tls
    }
}
