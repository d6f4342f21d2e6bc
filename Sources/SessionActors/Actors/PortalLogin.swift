import FileStore
import Foundation
public import SSOCache
public import SSOConfig
import SSOWire

/// The one owner of a portal's SSO token: an actor per start URL (shared by every `[sso-session]`
/// and legacy profile that logs in to it the same way).
///
/// `accessToken()` answers from memory or the AWS CLI's token cache while the token is valid,
/// refreshes it with the refresh token when it can, and logs in otherwise. However many callers ask
/// at once, at most one refresh or login runs (single flight); across processes the portal's file
/// lock makes a second process wait for the first one's login and then reuse its token.
public actor PortalLogin {
    /// What identifies this login.
    public nonisolated let key: PortalKey
    /// A name for messages: the session name, or the start URL of a legacy profile.
    public nonisolated let label: String
    /// Every configuration that shares this login; the first is the one used to register and log in.
    public nonisolated let sessions: [SSOSessionSettings]

    let dependencies: PortalDependencies
    private var machine: TokenStateMachine
    private let flight = SingleFlight<CachedToken>()

    init(key: PortalKey, sessions: [SSOSessionSettings], dependencies: PortalDependencies) {
        self.key = key
        self.sessions = sessions
        self.label = sessions.first.map { $0.name ?? $0.startURL } ?? key.startURL
        self.dependencies = dependencies
        self.machine = TokenStateMachine(margins: dependencies.options.tokenMargins)
    }

    /// The cache files this login is written to: one per session name, or the start URL for legacy profiles.
    public nonisolated var cacheKeys: [TokenCacheKey] {
        var seen = Set<TokenCacheKey>()
        return sessions.map { $0.name.map { TokenCacheKey.session(name: $0) } ?? .startURL($0.startURL) }
            .filter { seen.insert($0).inserted }
    }

    /// A valid access token, reusing, refreshing or logging in as needed.
    /// - Throws: `SessionError.loginRequired` when a login is needed and the policy forbids it;
    ///   `SessionError` for failed logins; `CancellationError` when the caller is cancelled.
    public func accessToken() async throws -> String {
        if let token = machine.held(now: now) { return token.accessToken }
        let obtained = try await flight.run { [self] in try await self.obtain(force: false) }
        return obtained.accessToken
    }

    /// Logs in (or reuses/refreshes unless `force`) and returns the resulting token.
    public func login(force: Bool) async throws -> CachedToken {
        if !force, let token = machine.held(now: now) { return token }
        return try await flight.run { [self] in try await self.obtain(force: force) }
    }

    /// Tells the portal that `accessToken` was refused (UnauthorizedException). Only the first report for
    /// a given token has an effect, so a hundred roles refused at once cause one renewal, not a hundred.
    public func invalidate(accessToken: String) {
        machine.invalidate(accessToken: accessToken)
    }

    /// The token as last seen in memory or on disk, without any network call (for `status`).
    public func cachedToken() -> CachedToken? {
        if let token = machine.token { return token }
        return try? readBestCachedToken()
    }

    /// The token on disk, for `status`: unlike ``cachedToken()``, a cache file that exists but cannot
    /// be read (permissions, truncated, a folder in its place) is an error naming it.
    public func storedToken() throws(SessionError) -> CachedToken? {
        var best: CachedToken?
        for cacheKey in cacheKeys {
            let candidate: CachedToken?
            do { candidate = try dependencies.tokenCache.readToken(cacheKey) } catch { throw .cache(error) }
            guard let candidate, candidate.startURL == key.startURL else { continue }
            if best.map({ candidate.expiresAt > $0.expiresAt }) ?? true { best = candidate }
        }
        return best
    }

    /// Returns once exactly `count` callers wait for the login or refresh in flight (see
    /// `SingleFlight.waitUntilWaiting`).
    func waitUntilWaiting(_ count: Int) async {
        await flight.waitUntilWaiting(count)
    }

    /// Waits until no abandoned refresh or login is still running (see `SingleFlight.settle`).
    func settle() async {
        await flight.settle()
    }

    /// Forgets the token in memory (after a logout).
    func forget() {
        machine.forget()
    }

    // MARK: - The work of one flight

    private func obtain(force: Bool) async throws -> CachedToken {
        if !force, let cached = try readBestCachedToken(), machine.accepts(cached, now: now) {
            return adopt(cached)
        }
        let lock = PortalLock(directory: dependencies.environment.ssoCacheDirectory, key: lockKey)
        // First, without the interactive gate: reuse what another process wrote, or refresh.
        if !force {
            let renewed: CachedToken? = try await lock.withLock(timeout: dependencies.options.lockTimeout) {
                try await self.reuseOrRefreshUnderLock()
            }
            if let renewed { return adopt(renewed) }
        }
        guard dependencies.options.loginPolicy == .interactive else {
            throw SessionError.loginRequired(portal: label, command: loginCommand)
        }
        // An interactive login: take the gate first, then the lock (never the other way round).
        let fresh = try await dependencies.gate.withTurn {
            try await lock.withLock(timeout: self.dependencies.options.lockTimeout) {
                if !force, let renewed = try await self.reuseOrRefreshUnderLock() { return renewed }
                return try await self.interactiveLogin()
            }
        }
        return adopt(fresh)
    }

    /// Under the portal lock: re-read the cache (another process may have just logged in), then try the
    /// refresh token. Returns nil when only a new login will do.
    private func reuseOrRefreshUnderLock() async throws -> CachedToken? {
        let cached: CachedToken
        switch machine.underLock(cached: try readBestCachedToken(includingRejected: true), now: now) {
        case .reuse(let token): return token
        case .login: return nil
        case .refresh(let token): cached = token
        }
        switch await refresh(cached) {
        case .refreshed(let token):
            return token
        case .impossible, .rejected:
            return nil
        case .failed(let error):
            // A passing failure: keep using the old token while it still has some life left.
            guard case .keep(let old) = machine.refreshFailed(cached, now: now) else {
                throw SessionError.service(profile: nil, portal: label, error: error)
            }
            return old
        }
    }

    private func adopt(_ fresh: CachedToken) -> CachedToken {
        machine.adopt(fresh)
        return fresh
    }

    // MARK: - Cache helpers

    /// The key of the lock file. It is derived from what identifies the login (not from whichever session
    /// name a process happened to ask for first), so every process logging in to this portal takes the same lock.
    var lockKey: TokenCacheKey {
        .startURL("multisso-lock|\(key.startURL)|\(key.region)|\((key.scopes ?? []).joined(separator: ","))")
    }

    /// The command a person runs to log in to this portal.
    nonisolated var loginCommand: String {
        if let name = sessions.first?.name { return "multisso login --sso-session \(ShellQuote.word(name))" }
        if let profile = dependencies.loginProfile { return "multisso login --profile \(ShellQuote.word(profile))" }
        return "multisso login --start-url \(ShellQuote.word(key.startURL)) --region \(ShellQuote.word(key.region))"
    }

    /// "Now", from the injected clock.
    var now: Date { dependencies.options.clock.now() }

    /// The cached token with the most time left among this portal's cache files.
    func readBestCachedToken(includingRejected: Bool = false) throws(SessionError) -> CachedToken? {
        var best: CachedToken?
        for cacheKey in cacheKeys {
            let candidate: CachedToken?
            do {
                candidate = try dependencies.tokenCache.readToken(cacheKey)
            } catch {
                // A damaged cache file is replaced by the next login; it must not block one.
                continue
            }
            guard let candidate, candidate.startURL == key.startURL else { continue }
            if !includingRejected && machine.rejected.contains(candidate.accessToken) { continue }
            if best.map({ candidate.expiresAt > $0.expiresAt }) ?? true { best = candidate }
        }
        return best
    }

    func store(_ token: CachedToken) throws(SessionError) {
        for cacheKey in cacheKeys {
            do {
                try dependencies.tokenCache.writeToken(token, for: cacheKey)
            } catch {
                throw .cache(error)
            }
        }
    }
}
