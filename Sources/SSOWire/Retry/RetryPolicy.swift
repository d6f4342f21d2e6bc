/// Exponential backoff with full jitter that honours `Retry-After` and gives up at once on errors
/// that retrying cannot fix (4xx other than throttling, invalid responses, cancellation).
public struct RetryPolicy: Sendable {
    /// Total attempts, the first one included.
    public var maxAttempts: Int
    /// The backoff cap after the first failure; doubles after each further failure.
    public var baseDelay: Duration
    /// The largest backoff (before jitter).
    public var maxDelay: Duration
    /// A `Retry-After` longer than this is not waited for: the error is returned instead.
    public var maxRetryAfter: Duration
    /// Which errors are retried; defaults to ``WireError/isRetryable``.
    public var shouldRetry: @Sendable (WireError) -> Bool
    /// Picks a delay in `0...cap` (full jitter); replaceable for deterministic tests.
    public var jitter: @Sendable (Duration) -> Duration
    /// Sleeps between attempts; replaceable for tests.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int = 6,
        baseDelay: Duration = .milliseconds(100),
        maxDelay: Duration = .seconds(10),
        maxRetryAfter: Duration = .seconds(60),
        shouldRetry: @escaping @Sendable (WireError) -> Bool = { $0.isRetryable },
        jitter: @escaping @Sendable (Duration) -> Duration = RetryPolicy.fullJitter,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.shouldRetry = shouldRetry
        self.jitter = jitter
        self.sleep = sleep
    }

    /// A policy that never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// How long to wait before the next attempt, or nil to give up.
    /// - Parameters:
    ///   - attempt: the number of the attempt that just failed, starting at 1.
    ///   - error: its error.
    public func delay(afterAttempt attempt: Int, error: WireError) -> Duration? {
        guard attempt < maxAttempts, shouldRetry(error) else { return nil }
        let backoff = jitter(backoffCap(afterAttempt: attempt))
        guard let retryAfter = error.retryAfter else { return backoff }
        guard retryAfter <= maxRetryAfter else { return nil }
        return max(retryAfter, backoff)
    }

    /// The upper bound of the jittered backoff after a failed attempt: `min(maxDelay, baseDelay * 2^(attempt-1))`.
    public func backoffCap(afterAttempt attempt: Int) -> Duration {
        var cap = baseDelay
        for _ in 1..<max(1, attempt) {
            cap *= 2
            if cap >= maxDelay { return maxDelay }
        }
        return min(cap, maxDelay)
    }

    /// Runs `operation` until it succeeds, the error is not retryable or the attempts run out.
    /// - Throws: the last ``WireError``; ``WireError/cancelled(operation:)`` when cancelled while waiting.
    public func run<T: Sendable>(_ operation: () async throws(WireError) -> T) async throws(WireError) -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let failure {
                guard let wait = delay(afterAttempt: attempt, error: failure) else { throw failure }
                do {
                    try await sleep(wait)
                } catch {
                    throw WireError.cancelled(operation: failure.operation)
                }
                attempt += 1
            }
        }
    }

    /// Full jitter: uniform in `0...cap`, from the system's random number generator.
    @Sendable public static func fullJitter(_ cap: Duration) -> Duration {
        let nanoseconds = cap.components.seconds * 1_000_000_000 + cap.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds))
    }
}
