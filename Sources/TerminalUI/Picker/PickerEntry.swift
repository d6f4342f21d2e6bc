import AWSFormats
public import FileStore
public import Foundation
import SSOCache
public import SSOConfig
import SessionActors

/// One row of `multisso pick`: a profile with its account, role, portal and credentials' time left,
/// read from the config and, for the rows on screen only, the credential cache (no network).
public struct PickerEntry: Sendable, Equatable {
    public var profile: String
    public var accountID: String
    public var roleName: String
    /// The session name, or the start URL of a legacy profile.
    public var portal: String
    /// Whether `portal` names an `[sso-session]` (else it is a legacy profile's start URL).
    public var portalIsSession: Bool
    /// When the cached credentials expire; nil when none are cached or not looked up yet.
    public var expiresAt: Date?
    /// The text the filter matches: profile, account, role and session, lower-cased.
    let haystack: [UInt8]

    public init(
        profile: String, accountID: String, roleName: String, portal: String, portalIsSession: Bool = true,
        expiresAt: Date?
    ) {
        self.profile = profile
        self.accountID = accountID
        self.roleName = roleName
        self.portal = portal
        self.portalIsSession = portalIsSession
        self.expiresAt = expiresAt
        var haystack: [UInt8] = []
        haystack.reserveCapacity(
            profile.utf8.count + accountID.utf8.count + roleName.utf8.count + portal.utf8.count + 3)
        for part in [profile, accountID, roleName, portal] {
            if !haystack.isEmpty { haystack.append(0x20) }
            haystack.append(contentsOf: part.utf8)
        }
        for index in haystack.indices where (0x41...0x5A).contains(haystack[index]) { haystack[index] += 32 }
        self.haystack = haystack
    }

    /// The cache key the AWS CLI v2 uses for this row's role credentials.
    var cacheKey: RoleCredentialCacheKey {
        portalIsSession
            ? RoleCredentialCacheKey(accountID: accountID, roleName: roleName, sessionName: portal)
            : RoleCredentialCacheKey(accountID: accountID, roleName: roleName, startURL: portal)
    }

    /// Every SSO profile that resolves, in config order, without their credentials' expiry (the
    /// picker looks that up for the rows it shows, through ``cachedExpiry(environment:)``).
    public static func load(config: AWSConfigFile, environment: AWSEnvironment) -> [PickerEntry] {
        var sessions: [String: Bool] = [:]
        return config.document.profileSections.compactMap { section in
            let name = section.id.name
            if let entry = simple(section, config: config, sessions: &sessions) { return entry }
            guard config.isSSOProfile(name), let profile = try? config.ssoProfile(named: name) else { return nil }
            return PickerEntry(
                profile: name, accountID: profile.accountID, roleName: profile.roleName,
                portal: profile.session.name ?? profile.session.startURL, portalIsSession: profile.session.name != nil,
                expiresAt: nil)
        }
    }

    /// The row of the common shape (`sso_session`, `sso_account_id` and `sso_role_name` set in the
    /// profile and nothing else of SSO's, a valid session), from its raw keys without resolving it;
    /// nil for any other shape, which is resolved in full.
    private static func simple(_ section: ConfigSection, config: AWSConfigFile, sessions: inout [String: Bool])
        -> PickerEntry?
    {
        guard section.inherited.isEmpty, let session = section.value("sso_session"),
            let account = section.value("sso_account_id"), let role = section.value("sso_role_name"),
            section.entry("sso_start_url") == nil, section.entry("sso_region") == nil,
            section.entry("sso_registration_scopes") == nil, section.entry("sso_use_device_code") == nil,
            section.entry("services") == nil, section.entry("endpoint_url") == nil
        else { return nil }
        let valid =
            sessions[session]
            ?? {
                guard let settings = config.document.section(.ssoSession(session)), settings.inherited.isEmpty,
                    !settings.entries.contains(where: {
                        ["sso_account_id", "sso_role_name", "sso_session"].contains($0.key)
                    }),
                    (try? config.ssoSession(named: session)) != nil
                else { return false }
                return true
            }()
        sessions[session] = valid
        guard valid else { return nil }
        return PickerEntry(
            profile: section.id.name, accountID: account, roleName: role, portal: session, expiresAt: nil)
    }

    /// Reads the expiry of a row's cached role credentials (nil when none or damaged).
    public static func cachedExpiry(environment: AWSEnvironment) -> @Sendable (PickerEntry) -> Date? {
        let cache = CredentialCache(directory: environment.cliCacheDirectory)
        return { entry in (try? cache.read(entry.cacheKey))?.expiration }
    }
}
