import Foundation
import Testing

@testable import SessionActors

@Suite("AdaptiveLimiter")
struct AdaptiveLimiterTests {
    struct Throttled: Error {}

    @Test("never admits more than the limit at once, however many callers")
    func bounded() async throws {
        let limiter = AdaptiveLimiter(.init(initialLimit: 5, minimumLimit: 1, maximumLimit: 5))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    // Each permit is held for wall time: a bound over time is what is tested.
                    try await limiter.withPermit(
                        { try await Task.sleep(for: .milliseconds(2)) }, throttling: { _ in nil })
                }
            }
            try await group.waitForAll()
        }
        let snapshot = await limiter.snapshot()
        #expect(snapshot.maxInFlight == 5)
        #expect(snapshot.inFlight == 0)
    }

    @Test("halves on a throttle once per round, and grows again on success", .timeLimit(.minutes(1)))
    func aimd() async throws {
        let limiter = AdaptiveLimiter(.init(initialLimit: 16, minimumLimit: 1, maximumLimit: 64))
        // A burst of 8 throttles admitted in the same round halves the limit once.
        let allAdmitted = Barrier(8)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    _ = try? await limiter.withPermit(
                        {
                            // All eight are admitted before the first one is throttled.
                            await allAdmitted.arrive()
                            throw Throttled()
                        }, throttling: { _ in .init(retryAfter: nil) })
                }
            }
        }
        #expect(await limiter.snapshot().limit == 8)
        #expect(await limiter.snapshot().throttles == 8)
        for _ in 0..<40 { try await limiter.withPermit({}, throttling: { _ in nil }) }
        #expect(await limiter.snapshot().limit > 8)
    }

    @Test("STS's limiter starts at its maximum, and its first throttle halves it")
    func stsStartsAtTheMaximum() async throws {
        let limiter = AdaptiveLimiter(.sts)
        #expect(await limiter.snapshot().limit == AdaptiveLimiter.Configuration.sts.maximumLimit)
        _ = try? await limiter.withPermit({ throw Throttled() }, throttling: { _ in .init(retryAfter: nil) })
        #expect(await limiter.snapshot().limit == AdaptiveLimiter.Configuration.sts.maximumLimit / 2)
        #expect(await limiter.snapshot().rate != nil, "paced by rate after the first throttle")
    }

    @Test("Retry-After pauses every admission")
    func retryAfter() async throws {
        let limiter = AdaptiveLimiter(.init(initialLimit: 4))
        _ = try? await limiter.withPermit(
            { throw Throttled() }, throttling: { _ in .init(retryAfter: .milliseconds(400)) })
        let start = ContinuousClock.now
        try await limiter.withPermit({}, throttling: { _ in nil })
        #expect(ContinuousClock.now - start >= .milliseconds(350))
    }

    @Test("a cancelled waiter leaves the queue without taking a slot")
    func cancellation() async throws {
        let limiter = AdaptiveLimiter(.init(initialLimit: 1, maximumLimit: 1))
        let (entered, enter) = AsyncStream<Void>.makeStream()
        let (released, release) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await limiter.withPermit(
                {
                    enter.yield()
                    for await _ in released { break }
                }, throttling: { _ in nil })
        }
        for await _ in entered { break }
        #expect(await limiter.snapshot().inFlight == 1)
        let waiter = Task { try await limiter.withPermit({}, throttling: { _ in nil }) }
        let deadline = ContinuousClock.now + .seconds(10)
        // The limiter publishes no event when a caller queues: poll its snapshot.
        while await limiter.snapshot().waiting < 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        release.yield()
        try await holder.value
        #expect(await limiter.snapshot().inFlight == 0)
    }
}
