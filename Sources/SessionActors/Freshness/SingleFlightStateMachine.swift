/// The bookkeeping of a single flight, with no I/O: which attempt is running, who waits for it, what
/// to do when it ends or a waiter gives up. ``SingleFlight`` holds one and carries out its actions
/// (starting and cancelling the task, resuming continuations).
///
/// Attempts are numbered; an attempt that was abandoned (every waiter cancelled) may still end later,
/// and its end is then ignored, so that it never answers the waiters of a newer attempt.
struct SingleFlightStateMachine: Sendable, Equatable {
    enum State: Sendable, Equatable {
        /// Nothing running; `last` numbers the last attempt, ended or abandoned (0: none yet).
        case idle(last: Int)
        /// Attempt `attempt` is running for `waiters` (waiter ids).
        case inFlight(attempt: Int, waiters: Set<Int>)
    }

    /// What to do when a caller joins.
    enum JoinAction: Sendable, Equatable {
        /// Start attempt `attempt`; the caller waits for it.
        case start(attempt: Int)
        /// An attempt is running: wait for it.
        case wait
        /// The caller is cancelled already: answer it with `CancellationError`, start nothing.
        case cancel
    }

    /// What to do when an attempt ends.
    enum FinishAction: Sendable, Equatable {
        /// Resume these waiters with the attempt's result.
        case resume(waiters: Set<Int>)
        /// An abandoned attempt ended: its result goes to nobody.
        case ignore
    }

    /// What to do when a waiter is cancelled.
    enum CancelAction: Sendable, Equatable {
        /// Not waiting (already answered): nothing.
        case none
        /// Answer this waiter with `CancellationError`; the attempt goes on for the others.
        case resumeCancelled
        /// Answer it, and cancel the attempt: nobody is left to use its result.
        case resumeCancelledAndAbandon
    }

    private(set) var state: State = .idle(last: 0)
    /// How many attempts have been started.
    private(set) var attempts = 0

    /// Whether an attempt is running.
    var isRunning: Bool {
        if case .inFlight = state { return true }
        return false
    }

    /// How many callers wait for the running attempt.
    var waiterCount: Int {
        if case .inFlight(_, let waiters) = state { return waiters.count }
        return 0
    }

    /// A caller (`waiter`, unique) asks for the result.
    mutating func join(waiter: Int, isCancelled: Bool) -> JoinAction {
        if isCancelled { return .cancel }
        switch state {
        case .idle:
            attempts += 1
            state = .inFlight(attempt: attempts, waiters: [waiter])
            return .start(attempt: attempts)
        case .inFlight(let attempt, var waiters):
            waiters.insert(waiter)
            state = .inFlight(attempt: attempt, waiters: waiters)
            return .wait
        }
    }

    /// Attempt `attempt` ended (with whatever result).
    mutating func finish(attempt finished: Int) -> FinishAction {
        guard case .inFlight(let attempt, let waiters) = state, attempt == finished else { return .ignore }
        state = .idle(last: finished)
        return .resume(waiters: waiters)
    }

    /// `waiter` was cancelled.
    mutating func cancel(waiter: Int) -> CancelAction {
        guard case .inFlight(let attempt, var waiters) = state, waiters.remove(waiter) != nil else { return .none }
        if waiters.isEmpty {
            state = .idle(last: attempt)
            return .resumeCancelledAndAbandon
        }
        state = .inFlight(attempt: attempt, waiters: waiters)
        return .resumeCancelled
    }
}
