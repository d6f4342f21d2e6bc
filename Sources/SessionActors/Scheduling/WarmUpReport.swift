public import FailureKinds
public import Foundation

/// The outcome of one profile in a warm-up: credentials obtained, or the reason they were not.
public struct ProfileOutcome: Sendable, Codable, Hashable {
    public var profile: String
    public var portal: String
    public var accountID: String
    public var roleName: String
    public var succeeded: Bool
    /// True when the credentials were already cached and no request was made.
    public var fromCache: Bool
    public var expiration: Date?
    /// A stable error code (`SessionError.code`) when it failed.
    public var errorCode: String?
    public var message: String?
    /// The kind of failure when it failed (the error's own ``ClassifiedError/failureKind``, as it
    /// would be had it been thrown); not part of the JSON, which has ``errorCode``.
    public var failureKind: FailureKind? = nil

    /// JSON keys in AWS's casing (`accountId`, as the SSO API and `credential_process` spell it).
    enum CodingKeys: String, CodingKey {
        case profile, portal
        case accountID = "accountId"
        case roleName, succeeded, fromCache, expiration, errorCode, message
    }

    public init(
        profile: String, portal: String, accountID: String, roleName: String, succeeded: Bool, fromCache: Bool,
        expiration: Date?, errorCode: String?, message: String?, failureKind: FailureKind? = nil
    ) {
        self.profile = profile
        self.portal = portal
        self.accountID = accountID
        self.roleName = roleName
        self.succeeded = succeeded
        self.fromCache = fromCache
        self.expiration = expiration
        self.errorCode = errorCode
        self.message = message
        self.failureKind = succeeded ? nil : failureKind ?? .partial
    }
}

/// The outcome of one portal's login in a warm-up.
public struct PortalOutcome: Sendable, Codable, Hashable {
    public var portal: String
    public var succeeded: Bool
    public var tokenExpiresAt: Date?
    public var message: String?
    /// Why the login failed, as ``SessionError/code`` (`cancelled` when interrupted); nil when it succeeded.
    public var errorCode: String?
    /// The kind of failure when it failed; not part of the JSON, which has ``errorCode``.
    public var failureKind: FailureKind? = nil

    enum CodingKeys: String, CodingKey {
        case portal, succeeded, tokenExpiresAt, message, errorCode
    }

    public init(
        portal: String, succeeded: Bool, tokenExpiresAt: Date?, message: String?, errorCode: String? = nil,
        failureKind: FailureKind? = nil
    ) {
        self.portal = portal
        self.succeeded = succeeded
        self.tokenExpiresAt = tokenExpiresAt
        self.message = message
        self.errorCode = errorCode
        self.failureKind = succeeded ? nil : failureKind ?? .login
    }
}

/// Everything a warm-up did: one outcome per profile and per portal, and how long it took.
public struct WarmUpReport: Sendable, Codable {
    public var portals: [PortalOutcome]
    public var profiles: [ProfileOutcome]
    public var seconds: Double
    /// How many GetRoleCredentials calls were throttled along the way.
    public var throttled: Int

    /// True when every profile got credentials.
    public var allSucceeded: Bool { profiles.allSatisfy(\.succeeded) }
    public var failedCount: Int { profiles.count { !$0.succeeded } }
    /// The kind of each profile that failed, in order.
    public var failureKinds: [FailureKind] { profiles.compactMap(\.failureKind) }
}
