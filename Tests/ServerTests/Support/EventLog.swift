import Foundation
import SessionActors

/// Collects events (the agent's, the file watcher's, the alarm's); a test waits for one that matches
/// (woken by each new event, bounded by a timeout) instead of sleeping.
actor Recorder<Event: Sendable> {
    private(set) var events: [Event] = []
    private var waiters:
        [(id: UUID, predicate: @Sendable (Event) -> Bool, continuation: CheckedContinuation<Bool, Never>)] = []

    nonisolated func record(_ event: Event) {
        Task { await self.append(event) }
    }

    private func append(_ event: Event) {
        events.append(event)
        let ready = waiters.filter { $0.predicate(event) }
        waiters.removeAll { waiter in ready.contains { $0.id == waiter.id } }
        for waiter in ready { waiter.continuation.resume(returning: true) }
    }

    /// Waits until an event matching `predicate` has been recorded (one among the events from index
    /// `since` on counts); false on timeout.
    func waitFor(
        since: Int = 0, timeout: Duration = .seconds(30), _ predicate: @escaping @Sendable (Event) -> Bool
    ) async -> Bool {
        if events.dropFirst(since).contains(where: predicate) { return true }
        let id = UUID()
        let timer = Task {
            // A deadline in wall time, so that a missing event fails instead of hanging.
            try? await Task.sleep(for: timeout)
            self.expire(id)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            waiters.append((id, predicate, continuation))
        }
    }

    private func expire(_ id: UUID) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }

    func count(_ predicate: (Event) -> Bool) -> Int {
        events.count(where: predicate)
    }
}

/// The agent's events.
typealias EventLog = Recorder<AgentEvent>
