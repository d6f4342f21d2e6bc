import SSOConfig

extension SessionDirectory {
    /// Logs out of the logins `sessions` and `profiles` name: each session's portal with the cached
    /// credentials of the profiles that use it, each profile's portal with those of every profile
    /// sharing its start URL. With neither, everything, as `aws sso logout` does (``logoutAll()``).
    /// - Throws: ``ConfigError`` or ``SessionError`` for a name that does not resolve; cache errors.
    public func logout(sessions: [String], profiles: [String]) async throws -> LogoutResult {
        if sessions.isEmpty && profiles.isEmpty { return try await logoutAll() }
        var total = LogoutResult()
        for name in sessions {
            let session = try config.ssoSession(named: name)
            let members = try ProfileSelection(sessions: [name]).resolve(in: config, environment: environment).profiles
            let target = try members.first.map { portal(for: $0) } ?? portal(forSession: session)
            total.add(try await logout(portal: target, profiles: members))
        }
        for name in profiles {
            let profile = try profile(named: name)
            let members = try ProfileSelection(all: true).resolve(in: config, environment: environment).profiles
                .filter { $0.session.startURL == profile.session.startURL }
            total.add(try await logout(portal: portal(for: profile), profiles: members))
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
        staleRegistrationsDeleted += other.staleRegistrationsDeleted
        notRevoked += other.notRevoked
    }
}
