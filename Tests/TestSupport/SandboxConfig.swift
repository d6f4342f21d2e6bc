public import SSOEmulator

/// One profile a sandbox config declares, pointing at one (account, role) of an emulator instance.
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

/// The one writer of sandbox configs: an `[sso-session]` per emulator instance and a profile per
/// (account, role) it shows, as the AWS CLI v2 reads them.
public struct SandboxConfig: Sendable {
    /// How a profile of an instance is named: (instance index, instance, account, role) → name.
    public typealias Naming = @Sendable (Int, EmulatorInstance, EmulatorAccount, String) -> String

    /// `p<index>-<account ID>-<role>`, the name the in-process tests use.
    public static let indexedNames: Naming = { index, _, account, role in "p\(index)-\(account.accountID)-\(role)" }

    public let instances: [EmulatorInstance]
    /// Session names, one per instance.
    public let sessions: [String]
    /// The profiles, in config order.
    public let profiles: [SandboxProfile]

    /// Sessions named `sessionName(index, instance)` (default `s<index>`), at most `perInstance`
    /// profiles per instance named by `naming`.
    public init(
        _ instances: [EmulatorInstance], perInstance: Int = .max,
        sessionName: @Sendable (Int, EmulatorInstance) -> String = { index, _ in "s\(index)" },
        naming: Naming = SandboxConfig.indexedNames
    ) {
        self.instances = instances
        sessions = instances.enumerated().map { sessionName($0.offset, $0.element) }
        var profiles: [SandboxProfile] = []
        for (index, instance) in instances.enumerated() {
            let roles = instance.accounts.flatMap { account in account.roles.map { (account, $0) } }
            for (account, role) in roles.prefix(perInstance) {
                profiles.append(
                    SandboxProfile(
                        name: naming(index, instance, account, role), session: sessions[index],
                        startURL: instance.startURL,
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
        for (name, instance) in zip(sessions, instances) {
            text += "[sso-session \(name)]\nsso_start_url = \(instance.startURL)\nsso_region = \(instance.region)\n"
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
