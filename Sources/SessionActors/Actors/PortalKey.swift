public import Foundation
public import SSOConfig

/// The identity of one login. Sessions with the same start URL, SSO region, registration scopes and
/// OIDC endpoint share one login, however many `[sso-session]` sections or legacy profiles name it.
public struct PortalKey: Sendable, Hashable, CustomStringConvertible {
    public var startURL: String
    public var region: String
    public var scopes: [String]?
    public var oidcEndpoint: URL

    public init(session: SSOSessionSettings, oidcEndpoint: URL) {
        self.startURL = session.startURL
        self.region = session.region
        self.scopes = session.registrationScopes
        self.oidcEndpoint = oidcEndpoint
    }

    public var description: String { "\(startURL) (\(region))" }
}
