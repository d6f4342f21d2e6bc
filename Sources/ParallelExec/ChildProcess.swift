/// Runs one child process directly (no shell) through `PosixSpawn` and reports how it ended
/// as a value: a non-zero exit or a signal is a result, not an error.
///
/// Cancelling the calling task tears the child down with `ChildTeardown` (SIGINT, grace, SIGTERM,
/// grace, SIGKILL), addressed to the child's own process group so grandchildren go too (see
/// `ChildTeardown` for the passthrough case); the call returns only once the child has been
/// reaped, so no child outlives it. `onStart` is awaited before output is handed on: keep it short.
public enum ChildProcess {
    /// Starts `command`, waits for it, and returns its result.
    /// - Parameters:
    ///   - command: what to run; the environment is used exactly as given.
    ///   - io: passthrough, line streaming or collection (see `ChildIO`).
    ///   - teardown: the escalation used when the calling task is cancelled.
    ///   - onStart: called with the child's process ID right after it was spawned.
    /// - Returns: the termination, duration and (for `.collect`) the output.
    /// - Throws: `ExecError.executableNotFound` or `.launchFailed` when no child could be started.
    ///   Cancellation is not thrown: a cancelled run returns with `wasCancelled` set.
    public static func run(
        _ command: ChildCommand,
        io: ChildIO,
        teardown: ChildTeardown = ChildTeardown(),
        onStart: (@Sendable (Int32) async -> Void)? = nil
    ) async throws(ExecError) -> ChildResult {
        let clock = ContinuousClock()
        let started = clock.now
        let stdio: SpawnStdio
        let ownGroup: Bool
        if case .passthrough(let input, let output, let error) = io {
            stdio = .passthrough(input: input, output: output, error: error)
            ownGroup = false
        } else {
            stdio = .piped
            ownGroup = true
        }
        let done = OneShot<Finished>()
        let channel = ChunkChannel()
        let handle = try await launch(
            command, stdio: stdio, ownGroup: ownGroup, io: io, finished: done, channel: channel)
        let finished = await withTaskCancellationHandler {
            await finish(handle, io: io, finished: done, channel: channel, onStart: onStart)
        } onCancel: {
            handle.startTeardown(teardown)
        }
        let cancelled = Task.isCancelled
        if cancelled && ownGroup {
            await ProcessGroupReaper.terminateRemaining(processGroup: handle.processID, grace: teardown.terminateGrace)
        }
        return ChildResult(
            processID: handle.processID,
            termination: finished.termination,
            duration: clock.now - started,
            standardOutput: finished.output.bytes,
            standardError: finished.error.bytes,
            outputTruncated: finished.output.truncated || finished.error.truncated,
            wasCancelled: cancelled
        )
    }
}
