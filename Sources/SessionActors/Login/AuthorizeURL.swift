public import Foundation
import SSOWire

/// The `/authorize` URL of the browser login, byte for byte as the AWS CLI builds it (the step after
/// client registration, before the loopback listener waits for the redirect): `scheme://host[:port]` of the OIDC endpoint (its path dropped), then
/// `response_type`, `client_id`, `redirect_uri`, `state`, `code_challenge_method`, `scopes` (plural,
/// space-joined) percent-encoded in that order, and `code_challenge` last.
public enum AuthorizeURL {
    public static func build(
        oidcEndpoint: URL, clientID: String, redirectURI: String, state: String, codeChallenge: String,
        scopes: [String]
    ) -> URL? {
        guard let scheme = oidcEndpoint.scheme, let host = oidcEndpoint.host, !host.isEmpty else { return nil }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let origin = "\(scheme)://\(hostPart)" + (oidcEndpoint.port.map { ":\($0)" } ?? "")
        let query = PercentEncoding.query([
            ("response_type", "code"),
            ("client_id", clientID),
            ("redirect_uri", redirectURI),
            ("state", state),
            ("code_challenge_method", "S256"),
            ("scopes", scopes.joined(separator: " ")),
        ])
        return URL(string: "\(origin)/authorize?\(query)&code_challenge=\(codeChallenge)")
    }

    /// `http://127.0.0.1:<port>/oauth/callback`: what /authorize and CreateToken both get.
    public static func redirectURI(port: UInt16) -> String {
        "http://127.0.0.1:\(port)/oauth/callback"
    }

    /// The registered redirect URI: the same without a port (RFC 8252 loopback rule).
    public static let registeredRedirectURI = "http://127.0.0.1/oauth/callback"
}
