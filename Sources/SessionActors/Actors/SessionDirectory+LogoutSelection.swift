import SSOConfig

extension SessionDirectory {
    /// Logs out of the logins `sessions` and `profiles` name: each session's portal with the cached
    /// credentials of the profiles that use it, each profile's portal (a role chain's: its root's) with those of every
    /// profile sharing its start URL, and the assumed roles of the chains rooted there. With neither, everything, as `aws sso logout` does (``logoutAll()``).
    /// - Throws: ``ConfigError`` or ``SessionError`` for a name that does not resolve; cache errors.
    public func logout(sessions: [String], profiles: [String]) async throws -> LogoutResult {
        if sessions.isEmpty && profiles.isEmpty { return try await logoutAll() }
        var total = LogoutResult()
        for name in sessions {
            let session = try config.ssoSession(named: name)
            let members = try ProfileSelection(sessions: [name]).resolve(in: config, environment: environment).profiles
            let target = try members.first.map { portal(for: $0) } ?? portal(forSession: session)
            let chains = chains { $0.session.startURL == session.startURL }
            total.add(try await logout(portal: target, profiles: members, chains: chains))
        }
        for name in profiles {
            let root: SSOProfile
            switch try credentialProfile(named: name) {
            case .sso(let profile):
                root = profile
            case .chain(let chain):
                guard case .sso(let profile) = chain.root else {
                    // Static keys at the root: no login to end, only this chain's assumed roles.
                    total.assumedRolesDeleted += try await forgetAssumedRoles(of: [chain])
                    continue
                }
                root = profile
            }
            let members = try ProfileSelection(all: true).resolve(in: config, environment: environment).profiles
                .filter { $0.session.startURL == root.session.startURL }
            let chains = chains { $0.session.startURL == root.session.startURL }
            total.add(try await logout(portal: portal(for: root), profiles: members, chains: chains))
        }
        return total
    }
}

extension LogoutResult {
    /// Adds what another logout did.
    public mutating func add(_ other: LogoutResult) {
        revoked += other.revoked
        tokensDeleted += other.tokensDeleted
        credentialsDeleted += other.credentialsDeleted
        assumedRolesDeleted += other.assumedRolesDeleted
        staleRegistrationsDeleted += other.staleRegistrationsDeleted
        notRevoked += other.notRevoked
    }
}
