import NIOCore

extension EventLoop {
    /// Sleeps for `duration` on this event loop's timer; cancellation removes the timer at once.
    ///
    /// Why it exists: every request races its deadline (``DeadlineRace``), and `Task.sleep` on Linux
    /// keeps a cancelled sleep's task and dispatch timer alive until the time it would have woken:
    /// after a 10,000-role `login --all` that was every request's sleep, held for the whole 30 s
    /// deadline. A NIO scheduled task is taken out of the loop's timer heap when cancelled.
    /// - Throws: `CancellationError` when the calling task is cancelled first.
    package func deadlineSleep(for duration: Duration) async throws {
        let scheduled = scheduleTask(in: TimeAmount(duration)) {}
        try await withTaskCancellationHandler {
            do {
                try await scheduled.futureResult.get()
            } catch {
                throw CancellationError()
            }
        } onCancel: {
            scheduled.cancel()
        }
    }
}
