import SSOWire

/// One service call admitted by an adaptive limiter and retried as `LimitedRetryStateMachine` decides:
/// throttling many patient times (the limiter pauses everyone for `Retry-After`; a little jitter is
/// added on top), other passing failures a few times with backoff. The error that ends the attempts,
/// and every error that is not worth retrying, is thrown unchanged.
struct LimitedRetry: Sendable {
    let limiter: AdaptiveLimiter
    let policy: CredentialRetryPolicy
    let events: ProgressSink
    /// Names the service in progress events (a portal label, or `sts HOST`).
    let label: String

    func run<T: Sendable>(_ call: @escaping @Sendable () async throws(WireError) -> T) async throws -> T {
        var machine = LimitedRetryStateMachine(policy: policy)
        while true {
            do {
                return try await limiter.withPermit(
                    { try await call() },
                    throttling: { error in
                        guard let wire = error as? WireError, wire.isThrottling else { return nil }
                        return AdaptiveLimiter.Throttling(retryAfter: wire.retryAfter)
                    })
            } catch let error as WireError where error.isThrottling {
                let action = machine.throttled()
                events.send(.throttled(portal: label, retryAfter: error.retryAfter))
                guard case .retry(_, let cap) = action else { throw error }
                try await Task.sleep(for: CredentialRetryPolicy.jittered(cap))
            } catch let error as WireError where error.isRetryable && !error.isUnauthorized {
                guard case .retry(let attempt, let cap) = machine.failed() else { throw error }
                events.send(.retrying(portal: label, attempt: attempt, reason: error.code))
                try await Task.sleep(for: CredentialRetryPolicy.jittered(cap))
            }
        }
    }
}
