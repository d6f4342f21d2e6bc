/// The one seam at the network edge: the OIDC and portal clients send every request through it,
/// so the production transport (`NIOHTTPTransport`; `URLSessionTransport` is the alternative) can be
/// replaced without touching them.
///
/// A transport returns every response it receives, whatever the status; it throws only when no
/// response arrived (``WireError/timedOut(operation:after:)``, ``WireError/connectionFailed(operation:reason:)``,
/// ``WireError/cancelled(operation:)``).
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws(WireError) -> HTTPResponse
}
