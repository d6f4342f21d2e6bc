import Foundation
import Hummingbird
import NIOCore

/// The path every API request takes before its handler: counted, delayed by the latency knob (with
/// `Task.sleep`, never holding a thread), rate limited, and subjected to injected faults. Error
/// answers thrown by handlers become the service's error responses here.
struct OperationGate: Sendable {
    let core: EmulatorCore

    /// Closes a connection without an answer: the injected "dropped connection" fault.
    struct ConnectionDropped: Error {}

    func run(
        _ operation: Operation, context: EmulatorRequestContext, _ handler: () async throws -> Response
    ) async throws -> Response {
        await core.counters.begin(operation.rawValue)
        do {
            let response = try await gateAndHandle(operation, context: context, handler)
            await core.counters.end()
            return response
        } catch let failure as ServiceFailure {
            await core.counters.recordError(failure.shape.rawValue, status: failure.shape.status)
            await core.counters.end()
            return failure.response(for: operation.api)
        } catch {
            await core.counters.end()
            throw error
        }
    }

    private func gateAndHandle(
        _ operation: Operation, context: EmulatorRequestContext, _ handler: () async throws -> Response
    ) async throws -> Response {
        let knobs = await core.knobs.configuration
        try await sleep(latency: knobs.latency, jitter: knobs.jitter)
        if let rate = knobs.rateLimit, knobs.rateLimitedOperations?.contains(operation.rawValue) ?? true {
            let admitted = await core.limiter.admit(operation.rawValue, rate: rate, burst: knobs.burst)
            if !admitted {
                let retryAfter = knobs.retryAfter.map { Int($0.seconds.rounded(.up)) }
                throw ServiceFailure(.tooManyRequests, "Rate exceeded", retryAfterSeconds: retryAfter)
            }
        }
        let roll = Double.random(in: 0..<1)
        if roll < knobs.failRate {
            await core.counters.recordFault("error")
            throw ServiceFailure(.internalServer, "An internal error occurred. Please try again.")
        }
        if roll < knobs.failRate + knobs.dropRate {
            await core.counters.recordFault("drop")
            context.channel.close(mode: .all, promise: nil)
            throw ConnectionDropped()
        }
        if roll < knobs.failRate + knobs.dropRate + knobs.stallRate {
            await core.counters.recordFault("stall")
            try await Task.sleep(for: knobs.stallDuration)
        }
        return try await handler()
    }

    private func sleep(latency: Duration, jitter: Duration) async throws {
        var delay = latency
        if jitter > .zero {
            delay += jitter * Double.random(in: 0...1)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
    }
}
