import Synchronization

/// Ids of in-process waits, unique within the process.
private let nextWaitID = Atomic<Int>(0)

extension RunningEmulator {
    /// Returns once the emulator has received `count` requests of `operation` ("StartDeviceAuthorization",
    /// "CreateToken", … as in ``EmulatorStats/calls``) since it started or was last reset: the rendezvous
    /// a test waits on instead of sleeping until a request has probably arrived.
    /// - Throws: `CancellationError` when the waiting task is cancelled first.
    public func waitUntil(_ operation: String, count: Int = 1) async throws {
        let id = nextWaitID.add(1, ordering: .relaxed).newValue
        let counters = core.counters
        try await withTaskCancellationHandler {
            try await counters.waitForCalls(operation, count: count, id: id)
        } onCancel: {
            Task { await counters.cancelWait(id: id) }
        }
    }
}
