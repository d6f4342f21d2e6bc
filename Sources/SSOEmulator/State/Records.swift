import Foundation

/// A client registered by RegisterClient.
struct ClientRecord: Sendable {
    var clientID: String
    var clientSecret: String
    var name: String
    var scopes: [String]?
    var grantTypes: [String]?
    var redirectURIs: [String]?
    var issuerURL: String?
    var issuedAt: Date
    var expiresAt: Date

    /// Whether the client may use a grant: a client registered without `grantTypes` (the device flow's
    /// registration) may use the device code and refresh grants.
    func allows(grant: GrantType) -> Bool {
        guard let grantTypes else { return grant != .authorizationCode }
        return grantTypes.contains(grant.rawValue)
    }

    /// Refresh tokens are only issued to clients registered with scopes, as the service does
    /// (a legacy registration without scopes gets access tokens only).
    var receivesRefreshTokens: Bool { !(scopes ?? []).isEmpty }
}

/// CreateToken grant types.
enum GrantType: String, Sendable, CaseIterable {
    case deviceCode = "urn:ietf:params:oauth:grant-type:device_code"
    case authorizationCode = "authorization_code"
    case refreshToken = "refresh_token"

    /// The name used by the counters.
    var counterName: String {
        switch self {
        case .deviceCode: "device_code"
        case .authorizationCode: "authorization_code"
        case .refreshToken: "refresh_token"
        }
    }
}

/// A pending device authorization (RFC 8628).
struct DeviceGrant: Sendable {
    var deviceCode: String
    var userCode: String
    var clientID: String
    var portalName: String
    var createdAt: Date
    var expiresAt: Date
    var interval: Int
    var decision: EmulatorConfiguration.Decision?
    var lastPollAt: Date?
    /// Polls allowed to come sooner than `interval`: the CLI polls twice back to back at first.
    var earlyPollsLeft: Int = 1
    var slowDowns: Int = 0
    var consumed = false
}

/// What `/authorize` keeps for a consent page while a person decides.
struct PendingAuthorization: Sendable {
    var id: String
    var clientID: String
    var clientName: String
    var portalName: String
    var redirectURI: String
    var state: String?
    var challenge: String
    var scopes: [String]
    var createdAt: Date
}

/// An authorization code issued by `/authorize`, single use.
struct AuthorizationCodeRecord: Sendable {
    var clientID: String
    var portalName: String
    var redirectURI: String
    var challenge: String
    var scopes: [String]
    var expiresAt: Date
    var used = false
    var sessionID: String?
}

/// One login: the access tokens and the refresh token it produced, revoked together by Logout.
struct LoginSession: Sendable {
    var id: String
    var portalName: String
    var clientID: String
    var refreshToken: String?
    var refreshExpiresAt: Date?
    var revoked = false
}

struct AccessTokenRecord: Sendable {
    var sessionID: String
    var portalName: String
    var expiresAt: Date
}

/// What CreateToken answers.
struct IssuedToken: Sendable {
    var accessToken: String
    var expiresIn: Int
    var refreshToken: String?
    var portalName: String
}

/// Lifetimes and approval rules read from the knobs at the time of a request.
struct TokenPolicy: Sendable {
    var tokenTTL: Duration
    var refreshTokenTTL: Duration
    var rotateRefreshTokens: Bool
    var autoApproval: (after: Duration, decision: EmulatorConfiguration.Decision)?

    init(_ configuration: EmulatorConfiguration) {
        tokenTTL = configuration.tokenTTL
        refreshTokenTTL = configuration.refreshTokenTTL
        rotateRefreshTokens = configuration.rotateRefreshTokens
        autoApproval = configuration.autoApprove ? (configuration.approveAfter, configuration.autoDecision) : nil
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    var timeInterval: TimeInterval { seconds }
}
