/// The one owner of the directory a running emulator serves, so that tests can change the accounts
/// and roles (assignments appearing and disappearing) while clients are logged in.
actor DirectoryStore {
    private(set) var directory: EmulatorDirectory

    init(_ directory: EmulatorDirectory) {
        self.directory = directory
    }

    /// Serves `replacement` from now on; tokens stay bound to their instance by name, so a login to an
    /// instance that is no longer there is refused as an unknown session.
    /// - Returns: why the replacement was refused (the directory is then unchanged), or nil.
    func replace(with replacement: EmulatorDirectory) -> String? {
        if let problem = replacement.validationProblem() { return problem }
        directory = replacement
        return nil
    }

    func instance(named name: String) -> EmulatorInstance? {
        directory.instances.first { $0.name == name }
    }

    func instance(startURL: String) -> EmulatorInstance? {
        let key = StartURL.normalized(startURL)
        return directory.instances.first { StartURL.normalized($0.startURL) == key }
    }

    /// The instance whose start URL is `issuer`, or the first instance when there is no issuer.
    func instance(issuer: String?) -> EmulatorInstance? {
        guard let issuer else { return directory.instances.first }
        return instance(startURL: issuer)
    }

    /// Whether any instance's account has the role (STS's default trust: every role in the directory).
    func hasRole(accountID: String, roleName: String) -> Bool {
        directory.instances.contains { $0.account(accountID)?.roles.contains(roleName) ?? false }
    }
}
