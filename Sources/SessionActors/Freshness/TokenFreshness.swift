public import Foundation
public import SSOCache

/// What a portal's SSO token is good for at one moment: its own life, and how it can be renewed
/// (with its refresh token while the client registration lasts, else only by a login).
public struct TokenFreshness: Sendable, Hashable {
    /// How a token that is due can be renewed.
    public enum Renewal: Sendable, Hashable {
        /// A refresh token, the client registration it needs, and that registration still valid.
        case refreshable
        /// No refresh token or no client registration in the cache file: only a login will do.
        case needsLogin
        /// The client registration (and with it the refresh token) has expired: only a login will do.
        case registrationExpired
    }

    /// The access token's own freshness.
    public var life: Freshness
    public var renewal: Renewal

    /// The freshness of `token` at `now`.
    public init(_ token: CachedToken, now: Date, margins: ExpiryMargins = .token) {
        life = Freshness(expiresAt: token.expiresAt, now: now, margins: margins)
        renewal = Self.renewal(of: token, now: now)
    }

    /// Whether the token can be renewed without a person: refresh token, client id and secret, and
    /// a registration that expires after `now`.
    public static func renewal(of token: CachedToken, now: Date) -> Renewal {
        guard token.refreshToken != nil, token.clientID != nil, token.clientSecret != nil,
            let registrationExpiry = token.registrationExpiresAt
        else { return .needsLogin }
        return registrationExpiry > now ? .refreshable : .registrationExpired
    }

    /// Whether renewing the token takes no login.
    public var isRefreshable: Bool { renewal == .refreshable }
}
