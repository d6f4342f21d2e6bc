public import SSOConfig
import SSOWire
public import SessionActors
import TerminalUI

/// The interactive `multisso configure`, question for question as `aws configure sso`: the
/// sso-session (with start URL, region and scopes when it is new), a login, the account and role
/// picked with the arrow keys, the default region and output format, and the profile name
/// (suggested as `ACCOUNTID_ROLENAME`). It returns the edited document; the caller saves it.
public struct ConfigureWizard: Sendable {
    /// Logs in and builds the portal clients; its config is the file being edited.
    public var directory: SessionDirectory
    /// The profile to create or update (`--profile`); nil asks for a name.
    public var profileName: String?
    /// Where answers are read from and questions written to.
    public var input: Int32
    public var output: Int32

    /// What the wizard configured.
    public struct Result: Sendable {
        public var profile: String
        public var session: SSOSessionSettings
        public var accountID: String
        public var roleName: String
        /// The config file's document with the `[profile]` and `[sso-session]` written.
        public var document: ConfigDocument
    }

    public init(directory: SessionDirectory, profileName: String? = nil, input: Int32 = 0, output: Int32 = 2) {
        self.directory = directory
        self.profileName = profileName
        self.input = input
        self.output = output
    }

    /// Asks the questions, logs in, lists accounts and roles, and returns the edited document.
    /// - Throws: `TerminalError` (interrupted, input ended), `ConfigureError` (no accounts or roles),
    ///   `ConfigError`, `SessionError` or `WireError` from the login and the listing.
    public func run() async throws -> Result {
        let config = directory.config
        var document = config.document
        let current = profileName.flatMap { document.section(.profile($0)) }

        let sessionName = try await TerminalPrompt.prompt(
            "SSO session name", default: current?.value("sso_session"), input: input, output: output)
        let isNew = document.section(.ssoSession(sessionName)) == nil
        let settings: SSOSessionSettings
        var newSession: (startURL: String, region: String, scopes: String)?
        if isNew {
            let startURL = try await ask(
                "SSO start URL", default: current?.value("sso_start_url"), problem: "Not a valid Start URL"
            ) {
                SSOSessionSetup.isValidStartURL($0)
            }
            let region = try await TerminalPrompt.prompt(
                "SSO region", default: current?.value("sso_region"), input: input, output: output)
            let scopes = try await ask(
                "SSO registration scopes", default: SSOSessionSetup.defaultScopes,
                problem: "Scope values must be separated by commas", valid: SSOSessionSetup.isValidScopeList)
            newSession = (startURL, region, scopes)
            // The section is written after the profile's, in the AWS CLI's order.
            var scratch = document
            settings = try SSOSessionSetup.prepare(
                name: sessionName, startURL: startURL, region: region, scopes: scopes, config: config,
                document: &scratch)
        } else {
            settings = try SSOSessionSetup.prepare(
                name: sessionName, startURL: nil, region: nil, config: config, document: &document)
        }

        let portal = try await directory.portal(forSession: settings)
        // A new session logs in afresh, as the AWS CLI does, rather than trusting an older token.
        if isNew { _ = try await portal.login(force: true) }
        let client = try directory.portalClient(for: nil, session: settings)

        let accounts = try await portal.withAccessToken { token in
            try await client.listAccountsWithRoles(accessToken: token, withRoles: false)
        }
        let account = try await chooseAccount(
            accounts, current: current?.value("sso_account_id"), startURL: settings.startURL)
        try say("Using the account ID \(account.accountID)")
        let roles = try await portal.withAccessToken { token in
            try await RetryPolicy().run { () async throws(WireError) -> [RoleInfo] in
                try await client.listAllAccountRoles(accessToken: token, accountID: account.accountID)
            }
        }.map(\.roleName).sorted()
        let roleName = try await chooseRole(
            roles, accountID: account.accountID, current: current?.value("sso_role_name"))
        try say("Using the role name \"\(roleName)\"")

        let region = try await askOptional("Default client Region", current: current?.value("region"))
        let outputFormat = try await askOptional(
            "CLI default output format (json if not specified)", current: current?.value("output"))
        let profile: String
        if let profileName {
            profile = profileName
        } else {
            profile = try await TerminalPrompt.prompt(
                "Profile name", default: "\(account.accountID)_\(roleName)", input: input, output: output)
        }

        var entries = [
            ("sso_session", sessionName), ("sso_account_id", account.accountID), ("sso_role_name", roleName),
        ]
        if let region { entries.append(("region", region)) }
        if let outputFormat { entries.append(("output", outputFormat)) }
        document = Self.writeProfile(profile, entries: entries, into: document)
        if let newSession {
            _ = try SSOSessionSetup.prepare(
                name: sessionName, startURL: newSession.startURL, region: newSession.region, scopes: newSession.scopes,
                config: config, document: &document)
        }
        return Result(
            profile: profile, session: settings, accountID: account.accountID, roleName: roleName, document: document)
    }

    /// Writes the profile's keys (a new section goes at the end of the file), dropping legacy `sso_start_url`/`sso_region` keys that would now
    /// conflict with the session's.
    static func writeProfile(_ name: String, entries: [(String, String)], into document: ConfigDocument)
        -> ConfigDocument
    {
        var document = document
        for key in ["sso_start_url", "sso_region", "sso_registration_scopes"] {
            document.removeKey(key, from: .profile(name))
        }
        document.addSection(.profile(name), entries: entries)
        return document
    }

    private func chooseAccount(_ accounts: [PortalAccount], current: String?, startURL: String) async throws
        -> PortalAccount
    {
        guard let first = accounts.first else { throw ConfigureError.noAccounts(startURL: startURL) }
        if accounts.count == 1 {
            try say("The only AWS account available to you is: \(first.accountID)")
            return first
        }
        try say("There are \(accounts.count) AWS accounts available to you.")
        let index = try await TerminalPicker.choose(
            title: "Select an account", options: accounts.map(\.displayName),
            initialSelection: accounts.firstIndex { $0.accountID == current } ?? 0, input: input, output: output)
        return accounts[index]
    }

    private func chooseRole(_ roles: [String], accountID: String, current: String?) async throws -> String {
        guard let first = roles.first else { throw ConfigureError.noRoles(accountID: accountID) }
        if roles.count == 1 {
            try say("The only role available to you is: \(first)")
            return first
        }
        try say("There are \(roles.count) roles available to you.")
        let index = try await TerminalPicker.choose(
            title: "Select a role", options: roles, initialSelection: roles.firstIndex { $0 == current } ?? 0,
            input: input, output: output)
        return roles[index]
    }

    /// Asks until the answer passes `valid`.
    private func ask(
        _ label: String, default defaultValue: String?, problem: String, valid: (String) -> Bool
    ) async throws -> String {
        while true {
            let answer = try await TerminalPrompt.prompt(label, default: defaultValue, input: input, output: output)
            if valid(answer) { return answer }
            try say(problem)
        }
    }

    /// A question the AWS CLI lets you skip: shown as `[None]` without a current value, and an empty
    /// answer then leaves the key out.
    private func askOptional(_ label: String, current: String?) async throws -> String? {
        let answer = try await TerminalPrompt.prompt(label, default: current ?? "None", input: input, output: output)
        return current == nil && answer == "None" ? nil : answer
    }

    private func say(_ line: String) throws(TerminalError) {
        try TerminalIO.write(line + "\n", to: output)
    }
}
