import SSOEmulator
import TestSupport

extension EmulatorConfiguration {
    /// The emulator shape every reliability test starts from: `portals` portals of `accounts`
    /// accounts with two roles each, answering after `latency` (plus up to `jitter`).
    static func reliability(
        portals: Int, accounts: Int, latency: Duration, jitter: Duration = .zero
    ) -> EmulatorConfiguration {
        .shape(portals: portals, accounts: accounts, roles: 2, latency: latency, jitter: jitter)
    }
}
