import Foundation

/// The agent's alarm where there is no wall-clock timer (macOS; a test's manual clock): a sleep on the
/// monotonic clock for the time left by the injected clock. It does not notice a clock change or a
/// suspend by itself, so the agent wakes at least every `AgentOptions.recheck` with it.
actor SleepingAlarm: AgentAlarm {
    private let wake: @Sendable (AgentWake) -> Void
    private var sleeper: Task<Void, Never>?

    nonisolated var followsWallClock: Bool { false }

    init(wake: @escaping @Sendable (AgentWake) -> Void) {
        self.wake = wake
    }

    deinit { sleeper?.cancel() }

    func arm(at deadline: Date, now: Date) {
        sleeper?.cancel()
        let wait = max(0, deadline.timeIntervalSince(now))
        let wake = self.wake
        sleeper = Task {
            guard (try? await Task.sleep(for: .milliseconds(Int64(min(wait, 365 * 24 * 3600) * 1000)))) != nil
            else { return }
            wake(.due)
        }
    }

    /// Stops the pending sleep.
    func cancel() {
        sleeper?.cancel()
        sleeper = nil
    }
}
