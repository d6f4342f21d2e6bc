import Foundation
public import SSOCache
import SSOWire

/// The one owner of a role's credentials: an actor per (portal, account, role).
///
/// `credentials()` answers from memory or the AWS CLI's credential cache while more than the margin
/// is left, and otherwise calls `GetRoleCredentials` once however many callers ask (single flight),
/// admitted by the shared adaptive limiter and retried through throttling and passing failures. The
/// AWS CLI's cache file is written on success, so `aws` commands use the same credentials. A refused
/// token (UnauthorizedException) is reported to the portal, which renews it once for every role
/// waiting on it; the call is then tried once more.
public actor RoleCredentialSource {
    public nonisolated let accountID: String
    public nonisolated let roleName: String
    /// The portal whose token this role's calls carry.
    public nonisolated let portal: PortalLogin
    /// The AWS CLI cache key of these credentials.
    public nonisolated let cacheKey: RoleCredentialCacheKey
    /// A profile that names this role, for messages.
    public nonisolated let profileLabel: String

    private let client: PortalClient
    private let cache: CredentialCache
    private let limiter: AdaptiveLimiter
    private let options: SessionOptions
    private var current: CachedRoleCredentials?
    private let flight = SingleFlight<Fetched>()

    /// The credentials, and whether a request was made to get them.
    struct Fetched: Sendable {
        var credentials: CachedRoleCredentials
        var fromCache: Bool
    }

    init(
        accountID: String, roleName: String, portal: PortalLogin, cacheKey: RoleCredentialCacheKey,
        profileLabel: String, client: PortalClient, cache: CredentialCache, limiter: AdaptiveLimiter,
        options: SessionOptions
    ) {
        self.accountID = accountID
        self.roleName = roleName
        self.portal = portal
        self.cacheKey = cacheKey
        self.profileLabel = profileLabel
        self.client = client
        self.cache = cache
        self.limiter = limiter
        self.options = options
    }

    /// Valid credentials for the role.
    /// - Parameter forceRefresh: ignore what is cached and ask the portal.
    /// - Throws: `SessionError` (login required or failed, role not assigned, service errors), or
    ///   `CancellationError`.
    public func credentials(forceRefresh: Bool = false) async throws -> CachedRoleCredentials {
        try await fetch(forceRefresh: forceRefresh).credentials
    }

    /// As `credentials()`, also telling whether they came from a cache.
    func fetch(forceRefresh: Bool = false) async throws -> Fetched {
        if !forceRefresh {
            if let current, isFresh(current) { return Fetched(credentials: current, fromCache: true) }
            if let cached = try? cache.read(cacheKey), isFresh(cached) {
                current = cached
                return Fetched(credentials: cached, fromCache: true)
            }
        }
        let fetched = try await flight.run { [self] in try await self.requestCredentials() }
        current = fetched.credentials
        return fetched
    }

    /// The credentials in memory or in the cache file, without any request (for `status`).
    public func cachedCredentials() -> CachedRoleCredentials? {
        if let current { return current }
        return try? cache.read(cacheKey)
    }

    /// The credentials on disk, for `status`: a cache file that exists but cannot be read is an error naming it.
    public func storedCredentials() throws(SessionError) -> CachedRoleCredentials? {
        do { return try cache.read(cacheKey) } catch { throw .cache(error) }
    }

    /// Waits until no abandoned request is still running (see `SingleFlight.settle`).
    func settle() async {
        await flight.settle()
    }

    /// Forgets the credentials in memory (after a logout).
    func forget() {
        current = nil
    }

    private func isFresh(_ credentials: CachedRoleCredentials) -> Bool {
        credentials.expiration.timeIntervalSince(options.clock.now()) > options.credentialMargins.refresh.seconds
    }

    private func requestCredentials() async throws -> Fetched {
        for _ in 0..<2 {
            let token = try await portal.accessToken()
            do {
                let roleCredentials = try await callWithRetries(accessToken: token)
                let cached = CachedRoleCredentials(
                    accessKeyID: roleCredentials.accessKeyID,
                    secretAccessKey: roleCredentials.secretAccessKey,
                    sessionToken: roleCredentials.sessionToken,
                    expiration: roleCredentials.expiration,
                    accountID: accountID
                )
                do {
                    try cache.write(cached, for: cacheKey)
                } catch {
                    throw SessionError.cache(error)
                }
                return Fetched(credentials: cached, fromCache: false)
            } catch let error as WireError where error.isUnauthorized {
                await portal.invalidate(accessToken: token)
            }
        }
        throw SessionError.stillUnauthorized(profile: profileLabel, portal: portal.label)
    }

    /// One GetRoleCredentials, admitted by the limiter, retried through throttling and passing failures.
    /// Unauthorized errors are passed up unchanged; permanent errors become `SessionError`.
    private func callWithRetries(accessToken: String) async throws -> RoleCredentials {
        let client = self.client
        let accountID = self.accountID
        let roleName = self.roleName
        let retry = LimitedRetry(limiter: limiter, policy: options.credentialRetry, events: options.events, label: portal.label)
        do {
            return try await retry.run { () async throws(WireError) in
                try await client.getRoleCredentials(accessToken: accessToken, accountID: accountID, roleName: roleName)
            }
        } catch let error as WireError {
            if error.isUnauthorized { throw error }
            if !error.isThrottling, !error.isRetryable, case .service(let service) = error, [403, 404, 400].contains(service.status) {
                throw SessionError.roleNotAssigned(
                    profile: profileLabel, accountID: accountID, roleName: roleName, status: service.status, code: service.code)
            }
            throw SessionError.service(profile: profileLabel, portal: portal.label, error: error)
        }
    }

    /// Fresh credentials after a service refused those with `refused` as access key id: fetched again
    /// only while they are still the current ones, so one refusal seen by many callers costs one fetch.
    public func credentials(replacing refused: String) async throws -> CachedRoleCredentials {
        if let current, current.accessKeyID != refused, isFresh(current) { return current }
        return try await fetch(forceRefresh: true).credentials
    }
}
