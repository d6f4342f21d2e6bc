import Foundation
import SessionActors

/// The renewal backoff of every served profile (``RenewalBackoffStateMachine``, by profile name).
actor RenewalBackoffs {
    private let policy: CredentialRetryPolicy
    private var machines: [String: RenewalBackoffStateMachine] = [:]

    init(policy: CredentialRetryPolicy) {
        self.policy = policy
    }

    /// Whether the profile's credentials may be renewed at `now` (no failure, or its backoff is over).
    func mayRenew(_ profile: String, now: Date) -> Bool {
        machines[profile]?.mayRenew(now: now) ?? true
    }

    /// A renewal of the profile's credentials tried at `now` failed.
    func failed(_ profile: String, now: Date) {
        machines[profile, default: RenewalBackoffStateMachine(policy: policy)].failed(now: now)
    }

    /// The profile's credentials were renewed, or found fresh.
    func succeeded(_ profile: String) {
        machines[profile] = nil
    }
}
