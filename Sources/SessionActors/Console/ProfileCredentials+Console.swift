import Foundation
public import SSOConfig

/// What a console sign-in needs to know about a profile, SSO or role chain alike: the account and role
/// it signs in as, the region that decides its partition, the `Issuer` of its link, and whether the
/// federation endpoint accepts `SessionDuration` for its credentials.
extension ProfileCredentials {
    /// The account the console signs in to: the SSO profile's, or the account in the last hop's role ARN.
    public var consoleAccountID: String {
        switch self {
        case .sso(let profile): profile.accountID
        case .chain(let chain): chain.hops.last?.accountID ?? ""
        }
    }

    /// The role the console signs in as: the SSO role, or the last hop's role name (without its path).
    public var consoleRoleName: String {
        switch self {
        case .sso(let profile): profile.roleName
        case .chain(let chain): chain.hops.last?.roleName ?? ""
        }
    }

    /// The region used when neither `--region` nor the profile's `region` is set: the SSO region, or the
    /// region the chain's STS calls are signed for (both name the partition the credentials belong to).
    var fallbackRegion: String {
        switch self {
        case .sso(let profile): profile.session.region
        case .chain(let chain): chain.sts.signingRegion
        }
    }

    /// The start URL of the portal at the root, for the sign-in link's `Issuer`; nil for static keys.
    var issuer: String? {
        switch self {
        case .sso(let profile): profile.session.startURL
        case .chain(let chain):
            if case .sso(let root) = chain.root { root.session.startURL } else { nil }
        }
    }

    /// The config file holding the profile, for error messages.
    var file: String {
        switch self {
        case .sso(let profile): profile.file.path
        case .chain(let chain): chain.file.path
        }
    }

    /// Whether `getSigninToken` accepts `SessionDuration` for this profile's credentials. AWS refuses it
    /// for credentials from role chaining: a role assumed with a role session's credentials, which is
    /// every hop above an SSO root (portal credentials are a role session) and every hop after the
    /// first. Only one `AssumeRole` signed by long-term keys (no session token) is not chaining.
    public var acceptsSessionDuration: Bool {
        switch self {
        case .sso: true
        case .chain(let chain):
            if case .staticKeys(let keys) = chain.root, keys.sessionToken == nil, chain.hops.count == 1 {
                true
            } else {
                false
            }
        }
    }
}
