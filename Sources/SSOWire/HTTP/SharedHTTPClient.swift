import AsyncHTTPClient
import NIOCore
import NIOPosix

/// The `HTTPClient`s of the process, on NIO's process-wide event loop group: one for direct
/// connections, and one per proxy (AsyncHTTPClient sets the proxy per client). They are never shut
/// down: a static is never deinitialised, so AHC's "not shut down" check never fires.
enum SharedHTTPClient {
    /// The client for direct connections.
    static let client: HTTPClient = make(proxy: nil)

    /// A client with the transport's settings (64 connections per host, no redirects, no
    /// decompression, HTTP/1.1), tunnelling through `proxy` when one is given.
    static func make(proxy: ProxyServer?) -> HTTPClient {
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
        return HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton, configuration: configuration)
    }
}

/// The proxied clients, one per distinct proxy (host, port and credentials), made on first use and
/// kept for the life of the process like ``SharedHTTPClient/client``. A process sees one or two proxies.
actor ProxiedHTTPClients {
    static let shared = ProxiedHTTPClients()

    private var clients: [ProxyServer: HTTPClient] = [:]

    /// The client that tunnels through `proxy`.
    func client(for proxy: ProxyServer) -> HTTPClient {
        if let client = clients[proxy] { return client }
        let client = SharedHTTPClient.make(proxy: proxy)
        clients[proxy] = client
        return client
    }
}
