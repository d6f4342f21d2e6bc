public import SSOWire

extension HTTPClients {
    /// The clients of this test process: tests that build a transport outside a scoped helper share
    /// them, and they live until the process ends (scopes and shutdown are tested on their own).
    public static let forTests = HTTPClients()
}

extension NIOHTTPTransport {
    /// The production transport on ``HTTPClients/forTests``.
    public init(timeout: Duration, proxies: ProxySettings = .none, caBundle: CABundle? = nil) {
        self.init(clients: .forTests, timeout: timeout, proxies: proxies, caBundle: caBundle)
    }
}
