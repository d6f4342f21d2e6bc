public import AWSFormats
public import FileStore
import Foundation
import SSOCache
public import SSOConfig
public import SSOWire

/// The map from names to the actors that own tokens and credentials, and the API the commands call.
///
/// One `PortalLogin` per login (sessions with the same start URL, region, scopes and OIDC endpoint
/// share one), one `RoleCredentialSource` per (portal, account, role) and one `AssumedRoleSource` per
/// role chain hop, created on first use and kept for the life of the directory, so that every caller
/// in the process shares their single flights; a warm-up lets go of the role actors it made once their
/// profiles are done, unless another caller took them meanwhile (see `SessionDirectory+SourceLifetime.swift`).
public actor SessionDirectory {
    public nonisolated let environment: AWSEnvironment
    public nonisolated let config: AWSConfigFile
    public nonisolated let options: SessionOptions
    /// The limiter every GetRoleCredentials call of this directory goes through.
    public nonisolated let limiter: AdaptiveLimiter
    /// The limiter every STS AssumeRole call goes through: a budget of its own.
    public nonisolated let stsLimiter: AdaptiveLimiter
    /// The proxies the transport goes through (``ProxySettings/none`` unless the scope read them).
    public nonisolated let proxies: ProxySettings
    /// The CA bundle TLS trusts instead of the system's roots; nil for the system's roots.
    public nonisolated let caBundle: CABundle?

    let tokenCache: TokenCache
    let credentialCache: CredentialCache
    /// Writes every credential file (one at a time, reusing the old files during `warmUp`).
    let fileWriter: CredentialFileWriter
    private let gate = InteractiveGate()
    private var portals: [PortalKey: PortalLogin] = [:]
    /// The portal ``portal(for:)`` answered last, with the session and OIDC override it was for.
    private var lastPortal: (session: SSOSessionSettings, oidc: URL?, portal: PortalLogin)?
    var sources: [SourceKey: RoleCredentialSource] = [:]
    /// Role actors only warm-ups hold, with how many of their items hold each (see
    /// `SessionDirectory+SourceLifetime.swift`).
    var warmUpHolds: [ObjectIdentifier: Int] = [:]
    private var sessionsByKey: [PortalKey: [SSOSessionSettings]]?
    /// Profiles a caller already resolved from `config` (see ``remember(_:)``), so that grouping the
    /// configured sessions does not resolve them a second time; emptied once they are grouped.
    private var resolvedProfiles: [[SSOProfile]] = []
    /// Role chain hops, one actor per distinct hop (see `SessionDirectory+Chains.swift`).
    var hops: [HopKey: AssumedRoleSource] = [:]

    struct SourceKey: Hashable {
        var portal: PortalKey
        var accountID: String
        var roleName: String
        var portalEndpoint: URL
    }

    /// A directory on `options.transport` as it is; commands use
    /// ``withSessionDirectory(environment:config:options:isolation:_:)``, which owns the transport.
    public init(
        environment: AWSEnvironment, config: AWSConfigFile, options: SessionOptions,
        proxies: ProxySettings = .none, caBundle: CABundle? = nil
    ) {
        self.proxies = proxies
        self.caBundle = caBundle
        self.environment = environment
        self.config = config
        self.options = options
        self.limiter = AdaptiveLimiter(options.limiter)
        self.stsLimiter = AdaptiveLimiter(options.stsLimiter)
        self.tokenCache = TokenCache(directory: environment.ssoCacheDirectory)
        self.credentialCache = CredentialCache(directory: environment.cliCacheDirectory)
        self.fileWriter = CredentialFileWriter(cache: credentialCache)
    }

    /// Resolves a profile by name with the AWS CLI's rules.
    public nonisolated func profile(named name: String) throws(SessionError) -> SSOProfile {
        do {
            return try config.ssoProfile(named: name)
        } catch {
            throw .config(error)
        }
    }

    /// The portal actor a profile logs in through.
    public func portal(for profile: SSOProfile) -> PortalLogin {
        // The same session and OIDC override as the last profile's make the same key: no URL to build
        // or key to hash for each of thousands of profiles (portals are never removed).
        if let last = lastPortal, last.session == profile.session, last.oidc == profile.endpoints.oidc {
            return last.portal
        }
        let found = portal(
            for: profile.session,
            oidcEndpoint: profile.endpoints.oidc ?? SSOEndpoints.oidc(region: profile.session.region),
            profileName: profile.name)
        lastPortal = (profile.session, profile.endpoints.oidc, found)
        return found
    }

    /// The portal actor of an `[sso-session]` (or legacy start URL) used without a profile; endpoint
    /// overrides come from a profile that uses the session, else from the environment alone.
    public func portal(forSession session: SSOSessionSettings) throws(SessionError) -> PortalLogin {
        let endpoints = try endpoints(forSession: session)
        return portal(
            for: session, oidcEndpoint: endpoints.oidc ?? SSOEndpoints.oidc(region: session.region), profileName: nil)
    }

    /// The endpoint overrides that apply to a session named without a profile: those of the first
    /// profile that logs in through it (so `[services]` sections named only in profiles are honoured),
    /// else the environment's.
    public nonisolated func endpoints(forSession session: SSOSessionSettings) throws(SessionError) -> EndpointOverrides
    {
        for name in config.profileNames where config.isSSOProfile(name) {
            guard let profile = try? config.ssoProfile(named: name) else { continue }
            let same =
                session.name.map { profile.session.name == $0 }
                ?? (profile.session.name == nil && profile.session.startURL == session.startURL)
            if same { return profile.endpoints }
        }
        do {
            return try config.endpoints(forProfile: nil)
        } catch {
            throw .config(error)
        }
    }

    /// Every portal actor created so far.
    public func allPortals() -> [PortalLogin] {
        Array(portals.values)
    }

    /// Profiles resolved from this directory's `config` by the caller (``ProfileSelection``), kept so
    /// that the directory does not resolve them again; the same name always resolves the same way.
    func remember(_ profiles: [SSOProfile]) {
        guard sessionsByKey == nil, !profiles.isEmpty else { return }
        resolvedProfiles.append(profiles)
    }

    /// The credential actor of a profile's role.
    public func source(for profile: SSOProfile) -> RoleCredentialSource {
        keep(sourceMadeIfNeeded(for: profile).source)
    }

    /// The credential actor of a profile's role, and whether this call made it.
    func sourceMadeIfNeeded(for profile: SSOProfile) -> (source: RoleCredentialSource, made: Bool) {
        let portal = portal(for: profile)
        let key = sourceKey(for: profile, portal: portal)
        if let existing = sources[key] { return (existing, false) }
        let source = RoleCredentialSource(
            accountID: profile.accountID, roleName: profile.roleName, portal: portal,
            cacheKey: CachedCredentialLookup.cacheKey(for: profile),
            profileLabel: profile.name,
            client: PortalClient(endpoint: key.portalEndpoint, transport: options.transport),
            cache: credentialCache, fileWriter: fileWriter, limiter: limiter, options: options)
        sources[key] = source
        return (source, true)
    }

    /// For each profile (with its portal), the expiration of its cached credentials when no actor holds
    /// its role yet and the cache file's are fresh: what that actor's first `fetch` would answer without
    /// a request; nil otherwise (the actor decides). `login --all` with nothing to do then builds no
    /// actor or task per profile (see `CredentialCache.Reader.expirations`).
    func freshCredentialsWithoutSources(for profiles: [(profile: SSOProfile, portal: PortalLogin)]) async
        -> [Date?]
    {
        let held: [Bool]? =
            sources.isEmpty ? nil : profiles.map { sources[sourceKey(for: $0.profile, portal: $0.portal)] != nil }
        let machine = CredentialStateMachine(margins: options.credentialMargins)
        let clock = options.clock
        let read = await credentialCache.withReader { reader in
            await reader.expirations(count: profiles.count) { index in
                held?[index] == true ? nil : CachedCredentialLookup.cacheKey(for: profiles[index].profile)
            }
        }
        return read.map { result in
            guard case .success(let expiration?) = result, machine.isFresh(expiringAt: expiration, now: clock.now())
            else { return nil }
            return expiration
        }
    }

    func sourceKey(for profile: SSOProfile, portal: PortalLogin) -> SourceKey {
        SourceKey(
            portal: portal.key, accountID: profile.accountID, roleName: profile.roleName,
            portalEndpoint: profile.endpoints.portal ?? SSOEndpoints.portal(region: profile.session.region))
    }

    /// A profile's credentials: cached, or fetched (logging in if the policy allows).
    public func credentials(for profile: SSOProfile, forceRefresh: Bool = false) async throws -> RoleCredentials {
        try await source(for: profile).credentials(forceRefresh: forceRefresh)
    }

    /// A portal client for listing accounts and roles or logging out, at the profile's (or the environment's) endpoint.
    public nonisolated func portalClient(for profile: SSOProfile?, session: SSOSessionSettings) throws(SessionError)
        -> PortalClient
    {
        let endpoint: URL
        if let profile {
            endpoint = profile.endpoints.portal ?? SSOEndpoints.portal(region: session.region)
        } else {
            endpoint = try endpoints(forSession: session).portal ?? SSOEndpoints.portal(region: session.region)
        }
        return PortalClient(endpoint: endpoint, transport: options.transport)
    }

    // MARK: - Portal creation

    private func portal(for session: SSOSessionSettings, oidcEndpoint: URL, profileName: String?) -> PortalLogin {
        let key = PortalKey(session: session, oidcEndpoint: oidcEndpoint)
        if let existing = portals[key] { return existing }
        var sharing = sessionsSharing(key)
        if !sharing.contains(session) { sharing.insert(session, at: 0) }
        // The session asked for first leads (its name keys the registration and the lock).
        if let index = sharing.firstIndex(of: session), index != 0 {
            sharing.remove(at: index)
            sharing.insert(session, at: 0)
        }
        let dependencies = PortalDependencies(
            environment: environment, tokenCache: tokenCache,
            oidc: OIDCClient(endpoint: oidcEndpoint, transport: options.transport),
            oidcEndpoint: oidcEndpoint, options: options, gate: gate, loginProfile: profileName)
        let created = PortalLogin(key: key, sessions: sharing, dependencies: dependencies)
        portals[key] = created
        return created
    }

    /// Every configured session (named, or legacy in a profile) that logs in the same way as `key`.
    private func sessionsSharing(_ key: PortalKey) -> [SSOSessionSettings] {
        if sessionsByKey == nil {
            sessionsByKey = groupConfiguredSessions()
            resolvedProfiles = []
        }
        return sessionsByKey?[key] ?? []
    }

    private func groupConfiguredSessions() -> [PortalKey: [SSOSessionSettings]] {
        var groups: [PortalKey: [SSOSessionSettings]] = [:]
        func add(_ session: SSOSessionSettings, oidc: URL?) {
            let key = PortalKey(session: session, oidcEndpoint: oidc ?? SSOEndpoints.oidc(region: session.region))
            if !(groups[key]?.contains(session) ?? false) { groups[key, default: []].append(session) }
        }
        let environmentOIDC = try? config.endpoints(forProfile: nil).oidc
        for name in config.ssoSessionNames {
            if let session = try? config.ssoSession(named: name) { add(session, oidc: environmentOIDC ?? nil) }
        }
        // `resolvableSSOProfiles` in its order, resolving only the profiles no caller resolved already.
        // Those come in file order (a selection's order): they are matched by walking both lists, and
        // looked up by name only when one is out of that order.
        let handed = resolvedProfiles.count == 1 ? resolvedProfiles[0] : resolvedProfiles.flatMap { $0 }
        var next = 0
        var byName: [String: SSOProfile]?
        var last: (session: SSOSessionSettings, oidc: URL?)?
        for name in config.profileNames {
            let profile: SSOProfile
            if next < handed.count, handed[next].name == name {
                profile = handed[next]
                next += 1
            } else {
                guard config.isSSOProfile(name) else { continue }
                if byName == nil {
                    byName = Dictionary(handed.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
                }
                if let known = byName?[name] {
                    profile = known
                } else {
                    guard let resolved = try? config.ssoProfile(named: name) else { continue }
                    profile = resolved
                }
            }
            // Neighbours mostly log in the same way: the same pair again would add nothing.
            if let last, last.session == profile.session, last.oidc == profile.endpoints.oidc { continue }
            add(profile.session, oidc: profile.endpoints.oidc)
            last = (profile.session, profile.endpoints.oidc)
        }
        return groups
    }
}
