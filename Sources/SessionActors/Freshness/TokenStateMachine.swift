import Foundation
import SSOCache

/// The decisions of one portal's token, with no I/O: reuse what is held or cached, refresh it with
/// the refresh token, log in, or keep using the old token after a passing refresh failure.
/// ``PortalLogin`` holds one and carries out its actions (cache reads, the lock, `CreateToken`, the
/// login flows) inside its single flight.
///
/// A token a service refused (UnauthorizedException) is remembered by its value, so that only the
/// first report of a refusal has an effect and a cache file still holding it is not reused.
struct TokenStateMachine: Sendable, Equatable {
    /// What to do with the portal's cache, under its lock.
    enum LockedAction: Sendable, Equatable {
        /// Another process (or an earlier call) left a good token: use it.
        case reuse(CachedToken)
        /// Renew `token` with its refresh token.
        case refresh(CachedToken)
        /// Only a new login will do.
        case login
    }

    /// What to do after a refresh failed for a passing reason (network, 5xx, throttling).
    enum RefreshFailedAction: Sendable, Equatable {
        /// Keep using the old token: it has some life left.
        case keep(CachedToken)
        /// It has none: report the failure.
        case fail
    }

    let margins: ExpiryMargins
    /// The token in memory.
    private(set) var token: CachedToken?
    /// Access tokens a service refused.
    private(set) var rejected: Set<String> = []

    init(margins: ExpiryMargins) {
        self.margins = margins
    }

    /// The token to hand out at `now` without any work, if one is held and fresh.
    func held(now: Date) -> CachedToken? {
        guard let token, isFresh(token, now: now) else { return nil }
        return token
    }

    /// Whether `cached`, read from the cache outside the lock, can be used as it is.
    func accepts(_ cached: CachedToken, now: Date) -> Bool {
        !rejected.contains(cached.accessToken) && isFresh(cached, now: now)
    }

    /// Under the portal lock, with the best cached token (refused ones included): reuse, refresh or log in.
    func underLock(cached: CachedToken?, now: Date) -> LockedAction {
        guard let cached else { return .login }
        if accepts(cached, now: now) { return .reuse(cached) }
        return TokenFreshness.renewal(of: cached, now: now) == .refreshable ? .refresh(cached) : .login
    }

    /// The refresh of `cached` failed for a passing reason at `now`.
    func refreshFailed(_ cached: CachedToken, now: Date) -> RefreshFailedAction {
        guard !rejected.contains(cached.accessToken),
            Freshness(expiresAt: cached.expiresAt, now: now, margins: margins).isUsable
        else { return .fail }
        return .keep(cached)
    }

    /// A service refused `accessToken`: never reuse it, and drop it from memory if it is the one held.
    mutating func invalidate(accessToken: String) {
        rejected.insert(accessToken)
        if token?.accessToken == accessToken { token = nil }
    }

    /// `token` was obtained (reused, refreshed or logged in): hold it.
    mutating func adopt(_ token: CachedToken) {
        self.token = token
    }

    /// Forgets the token in memory (after a logout).
    mutating func forget() {
        token = nil
    }

    /// Whether `token` has more than the refresh margin left at `now`.
    func isFresh(_ token: CachedToken, now: Date) -> Bool {
        Freshness(expiresAt: token.expiresAt, now: now, margins: margins) == .fresh
    }
}
