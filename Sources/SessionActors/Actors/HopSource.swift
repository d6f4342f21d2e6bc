import AWSFormats
import SSOCache
public import SSOConfig
import SSOWire

/// Where a role chain's hop gets the credentials that sign its `AssumeRole`: an SSO role's actor,
/// the hop before it, or static keys from the config file.
public enum HopSource: Sendable {
    case sso(RoleCredentialSource)
    case hop(AssumedRoleSource)
    case keys(StaticCredentials)

    /// Whether the credentials are a role session, so that AWS limits the next role to one hour.
    var isRoleSession: Bool {
        if case .keys = self { return false }
        return true
    }

    /// The credentials, fresh.
    func credentials() async throws -> SigningCredentials {
        switch self {
        case .sso(let source): Self.signing(try await source.credentials())
        case .hop(let source): Self.signing(try await source.credentials())
        case .keys(let keys):
            SigningCredentials(
                accessKeyID: keys.accessKeyID, secretAccessKey: keys.secretAccessKey, sessionToken: keys.sessionToken)
        }
    }

    /// New credentials after STS refused those with `refused` as access key id (static keys cannot be renewed).
    func credentials(replacing refused: String) async throws -> SigningCredentials? {
        switch self {
        case .sso(let source): Self.signing(try await source.credentials(replacing: refused))
        case .hop(let source): Self.signing(try await source.credentials(replacing: refused))
        case .keys: nil
        }
    }

    private static func signing(_ credentials: RoleCredentials) -> SigningCredentials {
        SigningCredentials(
            accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
            sessionToken: credentials.sessionToken)
    }
}
