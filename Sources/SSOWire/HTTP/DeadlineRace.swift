/// The overall deadline both transports put around one request: the request and a timer race, the
/// loser is cancelled. Shared (package access) by `NIOHTTPTransport` and `URLSessionTransport`.
package enum DeadlineRace {
    /// Why a raced request did not succeed.
    package enum Failure: Error {
        case deadlinePassed
        case error(any Error)
    }

    /// Runs `body`, giving up when `deadline` passes; the loser of the race is cancelled. `sleep` is
    /// the timer (``NIOHTTPTransport`` passes its event loop's, which cancellation takes away at once).
    package static func run<T: Sendable>(
        _ deadline: Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        _ body: @escaping @Sendable () async throws -> T
    ) async -> Result<T, Failure> {
        await withTaskGroup(of: Result<T, Failure>?.self) { group in
            group.addTask {
                do { return .success(try await body()) } catch { return .failure(.error(error)) }
            }
            group.addTask {
                do { try await sleep(deadline) } catch { return nil }
                return .failure(.deadlinePassed)
            }
            defer { group.cancelAll() }
            while let next = await group.next() {
                if let next { return next }
            }
            return .failure(.error(CancellationError()))
        }
    }
}
