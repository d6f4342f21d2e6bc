import FileStore
import Foundation
import SSOCache
import SSOConfig
import SSOWire

/// What a `PortalLogin` needs from the outside world, gathered so that the directory builds it once.
struct PortalDependencies: Sendable {
    var environment: AWSEnvironment
    var tokenCache: TokenCache
    var oidc: OIDCClient
    var oidcEndpoint: URL
    var options: SessionOptions
    var gate: InteractiveGate
    /// A profile that logs in through this portal, for the login command suggested for a legacy
    /// start URL (`multisso login --profile P`).
    var loginProfile: String?
}
