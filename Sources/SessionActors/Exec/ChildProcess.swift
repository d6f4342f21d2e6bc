internal import Subprocess

#if canImport(System)
internal import System
#else
internal import SystemPackage
#endif

/// Runs one child process directly (no shell) through swift-subprocess and reports how it ended
/// as a value: a non-zero exit or a signal is a result, not an error.
///
/// Cancelling the calling task tears the child down with `ChildTeardown` (SIGINT, grace, SIGTERM,
/// grace, SIGKILL), addressed to the child's own process group so grandchildren go too (see
/// `ChildTeardown` for the passthrough case); the call returns only once the child has been
/// reaped, so no child outlives it. `onStart` is awaited before output is read: keep it short.
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
        let ownGroup: Bool
        if case .passthrough = io { ownGroup = false } else { ownGroup = true }
        let configuration = Configuration(
            executable: command.executable.contains("/")
                ? .path(FilePath(command.executable)) : .name(command.executable),
            arguments: Arguments(command.arguments),
            environment: .custom(
                Dictionary(uniqueKeysWithValues: command.environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })
            ),
            workingDirectory: command.workingDirectory.map { FilePath($0) },
            platformOptions: platformOptions(teardown: teardown, ownGroup: ownGroup)
        )
        let finished: Finished
        do {
            switch io {
            case .passthrough(let input, let output, let error):
                finished = try await runPassthrough(configuration, input: input, output: output, error: error, onStart: onStart)
            case .lines(let maxLineLength, let handler):
                finished = try await runPiped(configuration, consumer: .lines(maxLineLength: maxLineLength, handler: handler), onStart: onStart)
            case .collect(let limit):
                finished = try await runPiped(configuration, consumer: .collect(limit: max(0, limit)), onStart: onStart)
            }
        } catch let error as SubprocessError {
            throw error.code == .executableNotFound
                ? .executableNotFound(executable: command.executable)
                : .launchFailed(executable: command.executable, reason: error.description)
        } catch {
            throw .launchFailed(executable: command.executable, reason: String(describing: error))
        }
        let cancelled = Task.isCancelled
        if cancelled && ownGroup {
            await ProcessGroupReaper.terminateRemaining(processGroup: finished.processID, grace: teardown.terminateGrace)
        }
        return ChildResult(
            processID: finished.processID,
            termination: finished.termination,
            duration: clock.now - started,
            standardOutput: finished.output.bytes,
            standardError: finished.error.bytes,
            outputTruncated: finished.output.truncated || finished.error.truncated,
            wasCancelled: cancelled
        )
    }

    private static func platformOptions(teardown: ChildTeardown, ownGroup: Bool) -> PlatformOptions {
        var options = PlatformOptions()
        if ownGroup {
            options.processGroupID = 0
        }
        // A child in its own group hears nothing from the terminal, so it gets SIGINT from us.
        // A passthrough child shares the terminal's group and already got the user's Ctrl-C: a
        // second SIGINT would read as "abort now" to tools like terraform, so the first step
        // only waits (signal 0 sends nothing). The implicit final SIGKILL inherits
        // `toProcessGroup` from the last step.
        let first: Signal = ownGroup ? .interrupt : Signal(rawValue: 0)
        options.teardownSequence = [
            .send(signal: first, toProcessGroup: ownGroup, allowedDurationToNextStep: teardown.interruptGrace),
            .gracefulShutDown(toProcessGroup: ownGroup, allowedDurationToNextStep: teardown.terminateGrace),
        ]
        return options
    }

    private struct Finished {
        var processID: Int32
        var termination: ChildTermination
        var output = CollectedBytes()
        var error = CollectedBytes()
    }

    private static func runPassthrough(
        _ configuration: Configuration, input: Int32, output: Int32, error: Int32,
        onStart: (@Sendable (Int32) async -> Void)?
    ) async throws -> Finished {
        let result = try await Subprocess.run(
            configuration,
            input: .fileDescriptor(FileDescriptor(rawValue: input), closeAfterSpawningProcess: false),
            output: .fileDescriptor(FileDescriptor(rawValue: output), closeAfterSpawningProcess: false),
            error: .fileDescriptor(FileDescriptor(rawValue: error), closeAfterSpawningProcess: false)
        ) { execution in
            await onStart?(execution.processIdentifier.value)
        }
        return Finished(processID: result.processIdentifier.value, termination: termination(result.terminationStatus))
    }

    private static func runPiped(
        _ configuration: Configuration, consumer: OutputConsumer, onStart: (@Sendable (Int32) async -> Void)?
    ) async throws -> Finished {
        let result = try await Subprocess.run(configuration, input: .none, output: .sequence, error: .sequence) {
            execution in
            await onStart?(execution.processIdentifier.value)
            // The pipes are read in a task that cancellation does not reach: reading must go on
            // while the child handles SIGINT (a closed pipe would kill it with SIGPIPE instead),
            // and it ends anyway once the child has exited (Subprocess then stops the reads).
            let readers = Task {
                await withTaskGroup(of: (ChildStream, CollectedBytes).self) { group in
                    group.addTask { (.standardOutput, await drain(execution.standardOutput, .standardOutput, consumer)) }
                    group.addTask { (.standardError, await drain(execution.standardError, .standardError, consumer)) }
                    var output = CollectedBytes()
                    var error = CollectedBytes()
                    for await (stream, bytes) in group {
                        if stream == .standardOutput { output = bytes } else { error = bytes }
                    }
                    return (output, error)
                }
            }
            return await readers.value
        }
        let (output, error) = result.closureResult
        return Finished(
            processID: result.processIdentifier.value, termination: termination(result.terminationStatus),
            output: output, error: error
        )
    }

    private static func termination(_ status: TerminationStatus) -> ChildTermination {
        switch status {
        case .exited(let code): .exited(code)
        case .signaled(let signal): .signalled(signal)
        }
    }
}
