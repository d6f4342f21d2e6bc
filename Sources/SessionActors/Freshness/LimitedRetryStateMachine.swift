/// The retry decisions of one call through the adaptive limiter, with no I/O and no randomness:
/// throttling gets many patient attempts, other passing failures a few, each with a backoff ceiling
/// that doubles. ``LimitedRetry`` holds one per call, sends the progress events, and sleeps a
/// jittered time below the ceiling.
struct LimitedRetryStateMachine: Sendable, Equatable {
    enum Action: Sendable, Equatable {
        /// Try again after a delay of at most `backoffCap` (this was retry number `attempt`, 1-based).
        case retry(attempt: Int, backoffCap: Duration)
        /// Give up: the error that ended the attempts is thrown.
        case giveUp
    }

    let policy: CredentialRetryPolicy
    private(set) var throttledAttempts = 0
    private(set) var failedAttempts = 0

    init(policy: CredentialRetryPolicy) {
        self.policy = policy
    }

    /// The call was throttled. The limiter already pauses everyone for `Retry-After`, so the backoff
    /// on top stops growing after the fourth time.
    mutating func throttled() -> Action {
        throttledAttempts += 1
        guard throttledAttempts < policy.maxThrottledAttempts else { return .giveUp }
        return .retry(attempt: throttledAttempts, backoffCap: policy.backoffCap(attempt: min(throttledAttempts, 4)))
    }

    /// The call failed for a passing reason (5xx, a dropped connection, a timeout).
    mutating func failed() -> Action {
        failedAttempts += 1
        guard failedAttempts < policy.maxFailedAttempts else { return .giveUp }
        return .retry(attempt: failedAttempts, backoffCap: policy.backoffCap(attempt: failedAttempts))
    }
}
