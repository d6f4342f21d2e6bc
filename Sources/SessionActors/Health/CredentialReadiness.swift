public import Foundation

/// Whether a profile can get credentials without a person, decided from the caches alone (no network):
/// what `multisso status --check` reports and scripts branch on.
public enum CredentialReadiness: String, Sendable, Codable, CaseIterable {
    /// Cached role credentials with more than the refresh margin left.
    case credentials
    /// No usable credentials, but a valid token that can fetch them.
    case token
    /// The token has expired but its refresh token and client registration can renew it.
    case refreshable
    /// Only a new login (a person at a browser) will do.
    case loginNeeded = "login_needed"
    /// The profile cannot get credentials at all (it does not resolve).
    case unusable

    /// True when credentials can be had without a person.
    public var isReady: Bool {
        switch self {
        case .credentials, .token, .refreshable: true
        case .loginNeeded, .unusable: false
        }
    }
}

/// One profile's ``CredentialReadiness`` with what it was decided from.
public struct ProfileReadiness: Sendable {
    public var profile: String
    /// The session name, or the start URL of a legacy profile; nil when the profile does not resolve.
    public var portal: String?
    public var readiness: CredentialReadiness
    /// When the cached role credentials expire, if there are any.
    public var credentialsExpireAt: Date?
    /// When the cached token expires, if there is one.
    public var tokenExpiresAt: Date?
    /// Why the profile is unusable, or the command that logs in; never a secret.
    public var detail: String?

    public init(
        profile: String, portal: String?, readiness: CredentialReadiness, credentialsExpireAt: Date? = nil,
        tokenExpiresAt: Date? = nil, detail: String? = nil
    ) {
        self.profile = profile
        self.portal = portal
        self.readiness = readiness
        self.credentialsExpireAt = credentialsExpireAt
        self.tokenExpiresAt = tokenExpiresAt
        self.detail = detail
    }
}
