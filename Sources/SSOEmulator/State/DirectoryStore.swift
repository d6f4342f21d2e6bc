/// The one owner of the directory a running emulator serves, so that tests can change the accounts
/// and roles (assignments appearing and disappearing) while clients are logged in.
actor DirectoryStore {
    private(set) var directory: EmulatorDirectory

    init(_ directory: EmulatorDirectory) {
        self.directory = directory
    }

    /// Serves `replacement` from now on; tokens stay bound to their portal by name, so a login to a
    /// portal that is no longer there is refused as an unknown session.
    /// - Returns: why the replacement was refused (the directory is then unchanged), or nil.
    func replace(with replacement: EmulatorDirectory) -> String? {
        if let problem = replacement.validationProblem() { return problem }
        directory = replacement
        return nil
    }

    func portal(named name: String) -> EmulatorPortal? {
        directory.portals.first { $0.name == name }
    }

    func portal(startURL: String) -> EmulatorPortal? {
        let key = StartURL.normalized(startURL)
        return directory.portals.first { StartURL.normalized($0.startURL) == key }
    }

    /// The portal whose start URL is `issuer`, or the first portal when there is no issuer.
    func portal(issuer: String?) -> EmulatorPortal? {
        guard let issuer else { return directory.portals.first }
        return portal(startURL: issuer)
    }

    /// Whether any portal's account has the role (STS's default trust: every role in the directory).
    func hasRole(accountID: String, roleName: String) -> Bool {
        directory.portals.contains { $0.account(accountID)?.roles.contains(roleName) ?? false }
    }
}
