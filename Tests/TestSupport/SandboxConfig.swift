public import SSOEmulator

/// One profile a sandbox config declares, pointing at one (account, role) of an emulator portal.
public struct SandboxProfile: Sendable, Equatable {
    public var name: String
    public var session: String
    public var startURL: String
    public var accountID: String
    public var roleName: String
    public var region: String

    public init(name: String, session: String, startURL: String, accountID: String, roleName: String, region: String) {
        self.name = name
        self.session = session
        self.startURL = startURL
        self.accountID = accountID
        self.roleName = roleName
        self.region = region
    }
}

/// The one writer of sandbox configs: an `[sso-session]` per emulator portal and a profile per
/// (account, role) it shows, as the AWS CLI v2 reads them.
public struct SandboxConfig: Sendable {
    /// How a profile of a portal is named: (portal index, portal, account, role) → name.
    public typealias Naming = @Sendable (Int, EmulatorPortal, EmulatorAccount, String) -> String

    /// `p<index>-<account ID>-<role>`, the name the in-process tests use.
    public static let indexedNames: Naming = { index, _, account, role in "p\(index)-\(account.accountID)-\(role)" }

    public let portals: [EmulatorPortal]
    /// Session names, one per portal.
    public let sessions: [String]
    /// The profiles, in config order.
    public let profiles: [SandboxProfile]

    /// Sessions named `sessionName(index, portal)` (default `s<index>`), at most `perPortal`
    /// profiles per portal named by `naming`.
    public init(
        _ portals: [EmulatorPortal], perPortal: Int = .max,
        sessionName: @Sendable (Int, EmulatorPortal) -> String = { index, _ in "s\(index)" },
        naming: Naming = SandboxConfig.indexedNames
    ) {
        self.portals = portals
        sessions = portals.enumerated().map { sessionName($0.offset, $0.element) }
        var profiles: [SandboxProfile] = []
        for (index, portal) in portals.enumerated() {
            let roles = portal.accounts.flatMap { account in account.roles.map { (account, $0) } }
            for (account, role) in roles.prefix(perPortal) {
                profiles.append(
                    SandboxProfile(
                        name: naming(index, portal, account, role), session: sessions[index],
                        startURL: portal.startURL,
                        accountID: account.accountID, roleName: role, region: "eu-west-1"))
            }
        }
        self.profiles = profiles
    }

    public var profileNames: [String] { profiles.map(\.name) }

    /// The config text: `header`, then (with `servicesAt`) a `[services emulator]` section pointing both
    /// SSO endpoints there and named in every profile, the sessions, the profiles, and `extra` at the end.
    public func text(header: String = "", servicesAt base: String? = nil, extra: String = "") -> String {
        var text = header
        if let base {
            text += "[services emulator]\nsso =\n  endpoint_url = \(base)\nsso_oidc =\n  endpoint_url = \(base)\n\n"
        }
        for (name, portal) in zip(sessions, portals) {
            text += "[sso-session \(name)]\nsso_start_url = \(portal.startURL)\nsso_region = \(portal.region)\n"
            text += "sso_registration_scopes = sso:account:access\n\n"
        }
        for profile in profiles {
            let title = profile.name.contains(" ") ? "\"\(profile.name)\"" : profile.name
            text += "[profile \(title)]\nsso_session = \(profile.session)\nsso_account_id = \(profile.accountID)\n"
            text += "sso_role_name = \(profile.roleName)\nregion = \(profile.region)\n"
            if base != nil { text += "services = emulator\n" }
            text += "\n"
        }
        return text + extra
    }
}

extension SandboxHome {
    /// Writes `config`'s text to ~/.aws/config and returns its profile names.
    @discardableResult
    public func write(_ config: SandboxConfig, header: String = "", servicesAt base: String? = nil, extra: String = "")
        throws
        -> [String]
    {
        try writeConfig(config.text(header: header, servicesAt: base, extra: extra))
        return config.profileNames
    }
}
