import SSOConfig
public import SSOWire

/// Which portal a command lists: an `[sso-session]` by name, or the one a profile logs in through.
public enum PortalChoice: Sendable, Hashable {
    case session(String)
    /// A profile by name; nil: the environment's (`AWS_PROFILE`), else `default`.
    case profile(String?)
}

extension SessionDirectory {
    /// The portal actor and a portal client (at the right endpoint) of `choice`.
    /// - Throws: ``ConfigError`` or ``SessionError`` when the session or profile does not resolve.
    public func portal(_ choice: PortalChoice) async throws -> (portal: PortalLogin, client: PortalClient) {
        switch choice {
        case .session(let name):
            let settings = try config.ssoSession(named: name)
            return (try portal(forSession: settings), try portalClient(for: nil, session: settings))
        case .profile(let name):
            let resolved = try profile(named: environment.profileName(name))
            return (portal(for: resolved), try portalClient(for: resolved, session: resolved.session))
        }
    }

    /// Every account `portal` shows, with each account's roles when `withRoles` (16 accounts at a
    /// time); logs in if the policy allows, and renews a refused token once.
    public func accounts(of portal: PortalLogin, client: PortalClient, withRoles: Bool) async throws -> [PortalAccount]
    {
        try await portal.withAccessToken { token in
            try await client.listAccountsWithRoles(accessToken: token, withRoles: withRoles)
        }
    }
}
