public import Foundation

/// The proxies the environment asks for (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` in either case), read
/// as botocore reads them, and the pure rule that picks the proxy for one URL. The CLI builds it from
/// the injected environment and hands it to ``NIOHTTPTransport``; the library never reads the process
/// environment itself.
public struct ProxySettings: Sendable, Hashable, CustomStringConvertible {
    /// The proxy for `https://` URLs (`https_proxy`, else `HTTPS_PROXY`).
    public var https: ProxyServer?
    /// The proxy for `http://` URLs (`http_proxy`, else `HTTP_PROXY`).
    public var http: ProxyServer?
    /// The `no_proxy` (else `NO_PROXY`) value: `*`, or comma-separated host names and domain suffixes.
    public var noProxy: String?

    /// No proxy at all: every request goes direct.
    public static let none = ProxySettings()

    public init(https: ProxyServer? = nil, http: ProxyServer? = nil, noProxy: String? = nil) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
    }

    /// Reads the proxy variables from `variables` (an `AWSEnvironment`'s variables).
    /// - Throws: ``ProxyConfigurationError`` naming the variable whose value is not a usable proxy.
    public init(environment variables: [String: String]) throws(ProxyConfigurationError) {
        let proxies = ProxyEnvironment.proxies(variables)
        self.init(
            https: try proxies["https"].map(Self.parse),
            http: try proxies["http"].map(Self.parse),
            noProxy: proxies["no"]?.value)
    }

    /// True when no request would go through a proxy.
    public var isEmpty: Bool { https == nil && http == nil }

    /// The proxy a request to `url` goes through, or nil for a direct connection: the proxy of the URL's
    /// scheme unless `noProxy` matches the URL's `host[:port]` (botocore's `get_environ_proxies` and
    /// `ProxyConfiguration.proxy_url_for`; there is no fallback to another scheme's proxy or `ALL_PROXY`).
    public func proxy(for url: URL) -> ProxyServer? {
        let proxy: ProxyServer?
        switch url.scheme?.lowercased() {
        case "https": proxy = https
        case "http": proxy = http
        default: proxy = nil
        }
        guard let proxy else { return nil }
        if let noProxy, ProxyEnvironment.bypasses(ProxyEnvironment.netloc(of: url.absoluteString), noProxy: noProxy) {
            return nil
        }
        return proxy
    }

    /// `https via http://user:***@proxy:3128, http via …, no_proxy …`: passwords masked, for `-v`.
    public var description: String {
        var parts: [String] = []
        if let https { parts.append("https via \(https)") }
        if let http { parts.append("http via \(http)") }
        if parts.isEmpty { parts.append("no proxy") }
        if let noProxy { parts.append("no_proxy \(noProxy)") }
        return parts.joined(separator: ", ")
    }
}
