import Foundation
import SSOWire
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    private static func service(_ status: Int, _ code: String, retryAfter: Duration? = nil) -> WireError {
        .service(ServiceError(operation: "GetRoleCredentials", status: status, code: code, retryAfter: retryAfter))
    }

    /// Jitter that returns its cap, so the backoff schedule is visible.
    private let capped = RetryPolicy(
        maxAttempts: 6, baseDelay: .milliseconds(100), maxDelay: .seconds(1), jitter: { $0 })

    @Test("backoff doubles from the base and stops at the cap")
    func schedule() {
        let error = Self.service(500, "InternalServerException")
        #expect(capped.delay(afterAttempt: 1, error: error) == .milliseconds(100))
        #expect(capped.delay(afterAttempt: 2, error: error) == .milliseconds(200))
        #expect(capped.delay(afterAttempt: 4, error: error) == .milliseconds(800))
        #expect(capped.delay(afterAttempt: 5, error: error) == .seconds(1))
        #expect(capped.delay(afterAttempt: 6, error: error) == nil)
    }

    @Test("gives up at once on errors retrying cannot fix")
    func nonRetryable() {
        #expect(capped.delay(afterAttempt: 1, error: Self.service(401, "UnauthorizedException")) == nil)
        #expect(capped.delay(afterAttempt: 1, error: Self.service(400, "InvalidGrantException")) == nil)
        #expect(capped.delay(afterAttempt: 1, error: .invalidResponse(operation: "X", reason: "r")) == nil)
        #expect(capped.delay(afterAttempt: 1, error: .cancelled(operation: "X")) == nil)
    }

    @Test("honours Retry-After when it is longer than the backoff, and gives up when it is absurd")
    func retryAfter() {
        #expect(
            capped.delay(afterAttempt: 1, error: Self.service(429, "TooManyRequestsException", retryAfter: .seconds(3)))
                == .seconds(3))
        #expect(
            capped.delay(afterAttempt: 5, error: Self.service(429, "TooManyRequestsException", retryAfter: .zero))
                == .seconds(1))
        #expect(
            capped.delay(
                afterAttempt: 1, error: Self.service(429, "TooManyRequestsException", retryAfter: .seconds(3600)))
                == nil)
    }

    @Test("full jitter stays within [0, cap] and varies")
    func fullJitter() {
        let samples = (0..<500).map { _ in RetryPolicy.fullJitter(.milliseconds(100)) }
        #expect(samples.allSatisfy { $0 >= .zero && $0 <= .milliseconds(100) })
        #expect(Set(samples).count > 400)
        #expect(RetryPolicy.fullJitter(.zero) == .zero)
    }

    @Test("run retries retryable failures until success, counting attempts and sleeps")
    func runUntilSuccess() async throws {
        let log = AttemptLog()
        let policy = RetryPolicy(maxAttempts: 5, jitter: { $0 }, sleep: { await log.slept($0) })
        let value = try await policy.run { () async throws(WireError) -> Int in
            let attempt = await log.attempt()
            if attempt < 3 { throw Self.service(503, "503") }
            return attempt
        }
        #expect(value == 3)
        #expect(await log.attempts == 3)
        #expect(await log.sleeps == [.milliseconds(100), .milliseconds(200)])
    }

    @Test("run stops after one attempt on a non-retryable error and after maxAttempts otherwise")
    func runGivesUp() async {
        let log = AttemptLog()
        let policy = RetryPolicy(maxAttempts: 4, jitter: { $0 }, sleep: { await log.slept($0) })
        await #expect(throws: WireError.self) {
            try await policy.run { () async throws(WireError) -> Int in
                _ = await log.attempt()
                throw Self.service(403, "ForbiddenException")
            }
        }
        #expect(await log.attempts == 1)
        let exhausted = AttemptLog()
        let exhaustedPolicy = RetryPolicy(maxAttempts: 4, jitter: { $0 }, sleep: { await exhausted.slept($0) })
        do {
            _ = try await exhaustedPolicy.run { () async throws(WireError) -> Int in
                _ = await exhausted.attempt()
                throw Self.service(429, "TooManyRequestsException")
            }
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "TooManyRequestsException")
        }
        #expect(await exhausted.attempts == 4)
        #expect(await exhausted.sleeps.count == 3)
    }

    @Test("a cancelled wait ends the run with a cancelled error")
    func cancelledSleep() async {
        let policy = RetryPolicy(maxAttempts: 3, sleep: { _ in throw CancellationError() })
        do {
            _ = try await policy.run { () async throws(WireError) -> Int in throw Self.service(500, "500") }
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "cancelled")
        }
    }
}

/// Counts attempts and records sleeps across concurrent closures.
actor AttemptLog {
    private(set) var attempts = 0
    private(set) var sleeps: [Duration] = []
    func attempt() -> Int {
        attempts += 1
        return attempts
    }
    func slept(_ duration: Duration) { sleeps.append(duration) }
}
