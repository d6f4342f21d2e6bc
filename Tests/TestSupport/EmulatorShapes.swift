public import SSOEmulator

extension EmulatorConfiguration {
    /// The shape tests start emulators in: `portals` portals of `accounts` accounts with `roles` roles
    /// each, answering after `latency` (plus up to `jitter`); what is not given keeps its default.
    public static func shape(
        portals: Int? = nil, accounts: Int? = nil, roles: Int? = nil, latency: Duration? = nil,
        jitter: Duration? = nil
    ) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        if let portals { configuration.portals = portals }
        if let accounts { configuration.accountsPerPortal = accounts }
        if let roles { configuration.rolesPerAccount = roles }
        if let latency { configuration.latency = latency }
        if let jitter { configuration.jitter = jitter }
        return configuration
    }
}
