import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

/// The `HTTPClient`s of the process, on NIO's process-wide event loop group: one for direct
/// connections, and one per proxy and CA bundle (AsyncHTTPClient sets both per client). They are never shut
/// down: a static is never deinitialised, so AHC's "not shut down" check never fires.
enum SharedHTTPClient {
    /// The client for direct connections.
    static let client: HTTPClient = make(proxy: nil, caBundle: nil)

    /// A client with the transport's settings (64 connections per host, no redirects, no
    /// decompression, HTTP/1.1), tunnelling through `proxy` when one is given, and trusting exactly the
    /// certificates of `caBundle` instead of the system's roots when one is given.
    static func make(proxy: ProxyServer?, caBundle: CABundle?) -> HTTPClient {
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
        if let proxy {
            let authorization = proxy.basicCredentials.map { HTTPClient.Authorization.basic(username: $0.username, password: $0.password) }
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

/// The other clients, one per distinct proxy (host, port and credentials) and CA bundle, made on first
/// use and kept for the life of the process like ``SharedHTTPClient/client``. A process sees one or two.
actor ConfiguredHTTPClients {
    static let shared = ConfiguredHTTPClients()

    private struct Key: Hashable {
        var proxy: ProxyServer?
        var caBundle: CABundle?
    }

    private var clients: [Key: HTTPClient] = [:]

    /// The client that tunnels through `proxy` (nil: direct) and trusts `caBundle` (nil: system roots).
    func client(proxy: ProxyServer?, caBundle: CABundle?) -> HTTPClient {
        let key = Key(proxy: proxy, caBundle: caBundle)
        if let client = clients[key] { return client }
        let client = SharedHTTPClient.make(proxy: proxy, caBundle: caBundle)
        clients[key] = client
        return client
    }
}
