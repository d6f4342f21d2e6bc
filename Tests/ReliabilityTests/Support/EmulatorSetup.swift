import SSOEmulator

extension EmulatorConfiguration {
    /// The emulator shape every reliability test starts from: `portals` instances of `accounts`
    /// accounts with two roles each, answering after `latency` (plus up to `jitter`).
    static func reliability(
        portals: Int, accounts: Int, latency: Duration, jitter: Duration = .zero
    ) -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.instances = portals
        configuration.accountsPerInstance = accounts
        configuration.rolesPerAccount = 2
        configuration.latency = latency
        configuration.jitter = jitter
        return configuration
    }
}
