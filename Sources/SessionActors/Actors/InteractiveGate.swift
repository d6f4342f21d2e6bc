/// Lets one interactive login run at a time in this process, so that a person logging in to five
/// portals is shown one prompt after another instead of a storm of browser tabs. Portals that can
/// reuse or refresh their token never pass through it and proceed in parallel.
///
/// To stay free of deadlocks across processes, the gate is always taken before a portal's file lock,
/// never while one is held.
actor InteractiveGate {
    private var busy = false
    private var queue: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` when no other interactive login of this process is running.
    func withTurn<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        try Task.checkCancellation()
        return try await body()
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { queue.append($0) }
    }

    private func release() {
        if queue.isEmpty {
            busy = false
        } else {
            queue.removeFirst().resume()
        }
    }
}
