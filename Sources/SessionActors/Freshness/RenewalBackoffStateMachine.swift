public import Foundation

/// When a failed renewal of one role's credentials may be tried again, with no I/O: after each failure
/// the next try waits a delay that doubles (``CredentialRetryPolicy/renewal``: 1 s, 2 s, 4 s … at
/// most a minute), and a success clears it. A long-lived server holds one per profile, so that while
/// the portal is down or a login is needed, the requests it answers with the held credentials do not
/// each try the renewal again.
public struct RenewalBackoffStateMachine: Sendable, Equatable {
    public let policy: CredentialRetryPolicy
    /// Failed renewals since the last success.
    public private(set) var failures = 0
    /// No renewal before this moment (nil: try whenever one is due).
    public private(set) var notBefore: Date?

    public init(policy: CredentialRetryPolicy = .renewal) {
        self.policy = policy
    }

    /// Whether a renewal may be tried at `now`.
    public func mayRenew(now: Date) -> Bool {
        guard let notBefore else { return true }
        return now >= notBefore
    }

    /// A renewal tried at `now` failed: the next one waits the doubled delay.
    public mutating func failed(now: Date) {
        failures += 1
        notBefore = now.addingTimeInterval(policy.backoffCap(attempt: failures).seconds)
    }

    /// A renewal succeeded (or fresh credentials were found): no more waiting.
    public mutating func succeeded() {
        failures = 0
        notBefore = nil
    }
}

extension CredentialRetryPolicy {
    /// The pace of renewals after failures in a long-lived server: 1 s doubled per failure, at most 60 s.
    public static var renewal: CredentialRetryPolicy {
        var policy = CredentialRetryPolicy()
        policy.baseDelay = .seconds(1)
        policy.maxDelay = .seconds(60)
        return policy
    }
}
