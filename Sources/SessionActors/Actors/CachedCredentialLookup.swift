import Foundation
public import SSOCache
public import SSOConfig

/// The hot path of `credential-process` and `export`: a profile's role credentials straight from the
/// AWS CLI's cache file when they are fresh, without building any actor, client or connection.
public enum CachedCredentialLookup {
    /// The cache key the AWS CLI v2 uses for a profile's role credentials.
    public static func cacheKey(for profile: SSOProfile) -> RoleCredentialCacheKey {
        if let sessionName = profile.session.name {
            return RoleCredentialCacheKey(accountID: profile.accountID, roleName: profile.roleName, sessionName: sessionName)
        }
        return RoleCredentialCacheKey(accountID: profile.accountID, roleName: profile.roleName, startURL: profile.session.startURL)
    }

    /// The cached credentials of `profile` when more than `margin` is left, else nil (a damaged cache
    /// file also gives nil: the slow path replaces it).
    public static func fresh(
        _ profile: SSOProfile, environment: AWSEnvironment, clock: WallClock = .system,
        margin: Duration = ExpiryMargins.roleCredentials.refresh
    ) -> CachedRoleCredentials? {
        let cache = CredentialCache(directory: environment.cliCacheDirectory)
        guard let cached = try? cache.read(cacheKey(for: profile)) else { return nil }
        return cached.expiration.timeIntervalSince(clock.now()) > margin.seconds ? cached : nil
    }
}
