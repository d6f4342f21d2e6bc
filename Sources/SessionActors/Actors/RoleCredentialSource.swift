public import AWSFormats
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
    private let fileWriter: CredentialFileWriter
    private let limiter: AdaptiveLimiter
    // The three settings of `SessionOptions` this actor reads, not the whole struct: one actor per
    // role, 10,000 of them in a large organisation's `login --all`.
    private let clock: WallClock
    private let retryPolicy: CredentialRetryPolicy
    private let events: ProgressSink
    private var machine: CredentialStateMachine
    private let flight = SingleFlight<Fetched>()

    /// The credentials, and whether a request was made to get them.
    struct Fetched: Sendable {
        var credentials: RoleCredentials
        var fromCache: Bool
    }

    init(
        accountID: String, roleName: String, portal: PortalLogin, cacheKey: RoleCredentialCacheKey,
        profileLabel: String, client: PortalClient, cache: CredentialCache, fileWriter: CredentialFileWriter,
        limiter: AdaptiveLimiter, options: SessionOptions
    ) {
        self.accountID = accountID
        self.roleName = roleName
        self.portal = portal
        self.cacheKey = cacheKey
        self.profileLabel = profileLabel
        self.client = client
        self.cache = cache
        self.fileWriter = fileWriter
        self.limiter = limiter
        self.clock = options.clock
        self.retryPolicy = options.credentialRetry
        self.events = options.events
        self.machine = CredentialStateMachine(margins: options.credentialMargins)
    }

    /// Valid credentials for the role.
    /// - Parameter forceRefresh: ignore what is cached and ask the portal.
    /// - Throws: `SessionError` (login required or failed, role not assigned, service errors), or
    ///   `CancellationError`.
    public func credentials(forceRefresh: Bool = false) async throws -> RoleCredentials {
        try await fetch(forceRefresh: forceRefresh).credentials
    }

    /// As `credentials()`, also telling whether they came from a cache.
    func fetch(forceRefresh: Bool = false) async throws -> Fetched {
        let cache = self.cache
        let cacheKey = self.cacheKey
        let held = machine.answer(now: clock.now(), forceRefresh: forceRefresh) { try? cache.read(cacheKey) }
        if let held { return Fetched(credentials: held, fromCache: true) }
        return try await flight.run { [self] in try await self.requestCredentials() }
    }

    /// The credentials in memory or in the cache file, without any request (for `status`).
    public func cachedCredentials() -> RoleCredentials? {
        if let current = machine.current { return current }
        return try? cache.read(cacheKey)
    }

    /// The credentials on disk, for `status`: a cache file that exists but cannot be read is an error naming it.
    public func storedCredentials() throws(SessionError) -> RoleCredentials? {
        do { return try cache.read(cacheKey) } catch { throw .cache(error) }
    }

    /// Waits until no abandoned request is still running (see `SingleFlight.settle`).
    func settle() async {
        await flight.settle()
    }

    /// Forgets the credentials in memory (after a logout).
    func forget() {
        machine.forget()
    }

    private func requestCredentials() async throws -> Fetched {
        let roleCredentials: RoleCredentials
        do {
            roleCredentials = try await portal.withAccessToken { token in try await callWithRetries(accessToken: token)
            }
        } catch let error as WireError where error.isUnauthorized {
            throw SessionError.stillUnauthorized(profile: profileLabel, portal: portal.label)
        }
        let cached = RoleCredentials(
            accessKeyID: roleCredentials.accessKeyID,
            secretAccessKey: roleCredentials.secretAccessKey,
            sessionToken: roleCredentials.sessionToken,
            expiration: roleCredentials.expiration,
            accountID: accountID
        )
        do {
            try await fileWriter.replace(cached, for: cacheKey)
        } catch {
            throw SessionError.cache(error)
        }
        machine.fetched(cached)
        return Fetched(credentials: cached, fromCache: false)
    }

    /// One GetRoleCredentials, admitted by the limiter, retried through throttling and passing failures.
    /// Unauthorized errors are passed up unchanged; permanent errors become `SessionError`.
    private func callWithRetries(accessToken: String) async throws -> RoleCredentials {
        let client = self.client
        let accountID = self.accountID
        let roleName = self.roleName
        let retry = LimitedRetry(
            limiter: limiter, policy: retryPolicy, events: events, label: portal.label)
        do {
            return try await retry.run { () async throws(WireError) in
                try await client.getRoleCredentials(accessToken: accessToken, accountID: accountID, roleName: roleName)
            }
        } catch let error as WireError {
            if error.isUnauthorized { throw error }
            if !error.isThrottling, !error.isRetryable, case .service(let service) = error,
                [403, 404, 400].contains(service.status)
            {
                throw SessionError.roleNotAssigned(
                    profile: profileLabel, accountID: accountID, roleName: roleName, status: service.status,
                    code: service.code)
            }
            throw SessionError.service(profile: profileLabel, portal: portal.label, error: error)
        }
    }

    /// Fresh credentials after a service refused those with `refused` as access key id: fetched again
    /// only while they are still the current ones, so one refusal seen by many callers costs one fetch.
    public func credentials(replacing refused: String) async throws -> RoleCredentials {
        if case .use(let renewed) = machine.refused(accessKeyID: refused, now: clock.now()) { return renewed }
        return try await fetch(forceRefresh: true).credentials
    }
}
