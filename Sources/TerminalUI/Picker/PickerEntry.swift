public import Foundation
public import SSOConfig
import SSOCache
import SessionActors

/// One row of `multisso pick`: a profile with its account, role, portal and credentials' time left,
/// read from the config and the credential cache (no network).
public struct PickerEntry: Sendable, Equatable {
    public var profile: String
    public var accountID: String
    public var roleName: String
    /// The session name, or the start URL of a legacy profile.
    public var portal: String
    /// When the cached credentials expire; nil when none are cached.
    public var expiresAt: Date?
    /// The text the filter matches: profile, account, role and session, lower-cased.
    let haystack: [UInt8]

    public init(profile: String, accountID: String, roleName: String, portal: String, expiresAt: Date?) {
        self.profile = profile
        self.accountID = accountID
        self.roleName = roleName
        self.portal = portal
        self.expiresAt = expiresAt
        haystack = Array("\(profile) \(accountID) \(roleName) \(portal)".lowercased().utf8)
    }

    /// Every SSO profile that resolves, in config order.
    public static func load(config: AWSConfigFile, environment: AWSEnvironment) -> [PickerEntry] {
        let cache = CredentialCache(directory: environment.cliCacheDirectory)
        return config.profileNames.compactMap { name in
            guard config.isSSOProfile(name), let profile = try? config.ssoProfile(named: name) else { return nil }
            let credentials = try? cache.read(CachedCredentialLookup.cacheKey(for: profile))
            return PickerEntry(
                profile: name, accountID: profile.accountID, roleName: profile.roleName,
                portal: profile.session.name ?? profile.session.startURL, expiresAt: credentials?.expiration)
        }
    }
}
