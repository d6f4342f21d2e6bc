import AWSFormats
import Foundation
import SSOCache

/// The decisions of one role's credentials (an SSO role or a chain hop), with no I/O: answer from
/// memory, read the cache file, or fetch (joining the fetch in flight, which ``SingleFlight`` runs).
///
/// The held credentials are replaced by the fetch itself, before its waiters are answered, so that a
/// refusal of the old credentials reported at any moment after the fetch ended is recognised by
/// their identity (the access key id) and answered with the new ones, not with another fetch.
struct CredentialStateMachine: Sendable, Equatable {
    enum State: Sendable, Equatable {
        /// Nothing known in memory.
        case empty
        /// The last credentials read or fetched.
        case holding(RoleCredentials)
    }

    enum Action: Sendable, Equatable {
        /// Hand out these.
        case use(RoleCredentials)
        /// Look in the AWS CLI's cache file, then call ``cacheRead(_:now:)``.
        case readCache
        /// Fetch new ones (joining the fetch in flight, if any), then call ``fetched(_:)`` from inside it.
        case fetch
    }

    /// When credentials are fresh enough to hand out without a fetch.
    let margins: ExpiryMargins
    private(set) var state: State = .empty

    init(margins: ExpiryMargins) {
        self.margins = margins
    }

    /// The credentials held in memory, whatever their age.
    var current: RoleCredentials? {
        if case .holding(let credentials) = state { return credentials }
        return nil
    }

    /// A caller asks for credentials at `now`.
    func request(now: Date, forceRefresh: Bool = false) -> Action {
        if forceRefresh { return .fetch }
        if let current, isFresh(current, now: now) { return .use(current) }
        return .readCache
    }

    /// The cache file held `cached` (nil: missing or unreadable).
    mutating func cacheRead(_ cached: RoleCredentials?, now: Date) -> Action {
        guard let cached, isFresh(cached, now: now) else { return .fetch }
        state = .holding(cached)
        return .use(cached)
    }

    /// The credentials to hand out at `now` without a fetch (from memory, else from `readCache`), or nil
    /// when a fetch is needed: ``request(now:forceRefresh:)`` then ``cacheRead(_:now:)``.
    mutating func answer(
        now: Date, forceRefresh: Bool, readCache: () -> RoleCredentials?
    ) -> RoleCredentials? {
        var action = request(now: now, forceRefresh: forceRefresh)
        if action == .readCache { action = cacheRead(readCache(), now: now) }
        if case .use(let credentials) = action { return credentials }
        return nil
    }

    /// A service refused the credentials whose access key id is `refused`: fetch only while they are
    /// still the ones held (or nothing fresh is), so one refusal seen by many callers costs one fetch.
    func refused(accessKeyID refused: String, now: Date) -> Action {
        if let current, current.accessKeyID != refused, isFresh(current, now: now) { return .use(current) }
        return .fetch
    }

    /// A fetch got `credentials`: called by the fetch itself, before its waiters are answered.
    mutating func fetched(_ credentials: RoleCredentials) {
        state = .holding(credentials)
    }

    /// Forgets what is held (after a logout).
    mutating func forget() {
        state = .empty
    }

    /// Whether `credentials` may be handed out without a fetch at `now`: more than the refresh margin left.
    func isFresh(_ credentials: RoleCredentials, now: Date) -> Bool {
        isFresh(expiringAt: credentials.expiration, now: now)
    }

    /// ``isFresh(_:now:)`` of credentials that expire at `expiration`.
    func isFresh(expiringAt expiration: Date, now: Date) -> Bool {
        Freshness(expiresAt: expiration, now: now, margins: margins) == .fresh
    }
}
