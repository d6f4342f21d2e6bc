public import AWSFormats
public import FileStore
import Foundation
public import SSOCache
public import SSOConfig

/// The hot path of `credential-process` and `export`: a profile's role credentials straight from the
/// AWS CLI's cache file when they are fresh, without building any actor, client or connection.
public enum CachedCredentialLookup {
    /// The cache key the AWS CLI v2 uses for a profile's role credentials.
    public static func cacheKey(for profile: SSOProfile) -> RoleCredentialCacheKey {
        cacheKey(
            accountID: profile.accountID, roleName: profile.roleName, sessionName: profile.session.name,
            startURL: profile.session.startURL)
    }

    private static func cacheKey(accountID: String, roleName: String, sessionName: String?, startURL: String)
        -> RoleCredentialCacheKey
    {
        if let sessionName {
            return RoleCredentialCacheKey(accountID: accountID, roleName: roleName, sessionName: sessionName)
        }
        return RoleCredentialCacheKey(accountID: accountID, roleName: roleName, startURL: startURL)
    }

    /// The cached credentials of a profile read by ``ConfigExcerpt/plainSSOProfile(named:configPath:variable:)``
    /// from the cache folder at `cacheDirectory`, when more than `margin` is left, else nil.
    public static func fresh(
        _ profile: PlainSSOProfile, cacheDirectory: String, clock: WallClock = .system,
        margin: Duration = ExpiryMargins.roleCredentials.refresh
    ) -> RoleCredentials? {
        let key = cacheKey(
            accountID: profile.accountID, roleName: profile.roleName, sessionName: profile.sessionName,
            startURL: profile.startURL)
        return fresh(try? CredentialCache.read(key, directoryPath: cacheDirectory), clock: clock, margin: margin)
    }

    /// The cached credentials of `profile` when more than `margin` is left, else nil (a damaged cache
    /// file also gives nil: the slow path replaces it).
    public static func fresh(
        _ profile: SSOProfile, environment: AWSEnvironment, clock: WallClock = .system,
        margin: Duration = ExpiryMargins.roleCredentials.refresh
    ) -> RoleCredentials? {
        let cache = CredentialCache(directory: environment.cliCacheDirectory)
        return fresh(try? cache.read(cacheKey(for: profile)), clock: clock, margin: margin)
    }

    /// The cached credentials of an SSO profile or a role chain (its last hop's assume-role cache
    /// file) when more than `margin` is left, else nil.
    public static func fresh(
        _ profile: ProfileCredentials, environment: AWSEnvironment, clock: WallClock = .system,
        margin: Duration = ExpiryMargins.roleCredentials.refresh
    ) -> RoleCredentials? {
        switch profile {
        case .sso(let sso):
            return fresh(sso, environment: environment, clock: clock, margin: margin)
        case .chain(let chain):
            guard let hop = chain.hops.last else { return nil }
            let cache = CredentialCache(directory: environment.cliCacheDirectory)
            return fresh(try? cache.read(AssumeRoleCacheKey(hop)), clock: clock, margin: margin)
        }
    }

    /// `cached` when more than `margin` is left, else nil.
    private static func fresh(_ cached: RoleCredentials?, clock: WallClock, margin: Duration) -> RoleCredentials? {
        let margins = ExpiryMargins(refresh: margin, expired: ExpiryMargins.roleCredentials.expired)
        guard let cached, Freshness(expiresAt: cached.expiration, now: clock.now(), margins: margins) == .fresh else {
            return nil
        }
        return cached
    }
}
