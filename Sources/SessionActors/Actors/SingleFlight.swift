import Foundation

/// Runs at most one operation at a time and lets every concurrent caller share its result.
///
/// Why it exists: a portal's login and a role's `GetRoleCredentials` must happen once however many
/// callers ask at the same moment. Each caller waits on its own continuation, so a cancelled caller
/// stops waiting at once without disturbing the others; the shared operation is cancelled only when
/// no caller is left waiting for it. A failure is delivered to the callers of that attempt and then
/// forgotten: the next call starts a fresh attempt. The decisions are ``SingleFlightStateMachine``'s;
/// this actor holds the task and the continuations and carries them out.
actor SingleFlight<Value: Sendable> {
    private var machine = SingleFlightStateMachine()
    private var flight: Task<Void, Never>?
    private var waiters: [Int: CheckedContinuation<Value, any Error>] = [:]
    /// Attempts cancelled because nobody waited for them any more, still winding down.
    private var abandoned: [Task<Void, Never>] = []
    private var nextWaiterID = 0
    /// Callers of ``waitUntilWaiting(_:)``.
    private var waiterWatches: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// How many attempts have been started since creation (for tests and diagnostics).
    var attempts: Int { machine.attempts }

    /// Whether an attempt is in flight now.
    var isRunning: Bool { machine.isRunning }

    /// How many callers wait for the attempt in flight (for tests: a rendezvous instead of a sleep).
    var waiterCount: Int { machine.waiterCount }

    /// Joins the attempt in flight, or starts `operation` when none is.
    /// - Throws: the attempt's error, or `CancellationError` when this caller is cancelled.
    func run(_ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let id = nextWaiterID
        nextWaiterID += 1
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Value, any Error>) in
                switch machine.join(waiter: id, isCancelled: Task.isCancelled) {
                case .cancel:
                    continuation.resume(throwing: CancellationError())
                case .wait:
                    waiters[id] = continuation
                case .start(let attempt):
                    waiters[id] = continuation
                    start(operation, attempt: attempt)
                }
                waitersChanged()
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
    }

    private func start(_ operation: @escaping @Sendable () async throws -> Value, attempt: Int) {
        flight = Task {
            let result: Result<Value, any Error>
            do {
                result = .success(try await operation())
            } catch {
                result = .failure(error)
            }
            self.finish(attempt: attempt, with: result)
        }
    }

    private func finish(attempt: Int, with result: Result<Value, any Error>) {
        guard case .resume(let ids) = machine.finish(attempt: attempt) else { return }
        flight = nil
        for id in ids {
            waiters.removeValue(forKey: id)?.resume(with: result)
        }
        waitersChanged()
    }

    private func cancelWaiter(_ id: Int) {
        let action = machine.cancel(waiter: id)
        guard action != .none, let continuation = waiters.removeValue(forKey: id) else { return }
        continuation.resume(throwing: CancellationError())
        waitersChanged()
        if action == .resumeCancelledAndAbandon, let running = flight {
            // Nobody is left to use the result: stop the work and let the next caller start afresh.
            running.cancel()
            abandoned.append(running)
            flight = nil
        }
    }

    /// Returns once exactly `count` callers wait for the attempt in flight: the rendezvous a test waits on
    /// (every caller has joined, a cancelled one has left) instead of sleeping.
    func waitUntilWaiting(_ count: Int) async {
        if waiters.count == count { return }
        await withCheckedContinuation { waiterWatches.append((count, $0)) }
    }

    private func waitersChanged() {
        waiterWatches.removeAll { watch in
            guard watch.count == waiters.count else { return false }
            watch.continuation.resume()
            return true
        }
    }

    /// Returns once every abandoned attempt has finished winding down (after a cancelled warm-up), so
    /// that nothing is still writing to the caches when the caller goes on.
    func settle() async {
        while let attempt = abandoned.popLast() {
            await attempt.value
        }
    }
}
