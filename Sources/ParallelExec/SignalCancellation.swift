import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Turns SIGINT and SIGTERM delivered to the process into cancellation of one piece of work,
/// for the command line: Ctrl-C during `exec` cancels the run, which tears every child down
/// (SIGINT, SIGTERM, SIGKILL to each child's process group) and returns once all are reaped, so
/// no child outlives multisso.
///
/// While the work runs, the signals' default action (terminating the process at once, leaving
/// children behind) is replaced by `DispatchSource` signal sources; afterwards the previous
/// dispositions are restored. Only one `SignalCancellation.run` should be active at a time,
/// since signal dispositions are process-wide.
///
/// The command line should also ignore SIGPIPE for the whole run (`multisso exec … | head`):
/// otherwise a closed stdout kills multisso at once and its children, each in its own process
/// group, are left running. `FileDescriptorSink` treats EPIPE as "drop the rest".
public enum SignalCancellation {
    /// The signals handled by default: Ctrl-C and the polite kill.
    public static let defaultSignals: [Int32] = [SIGINT, SIGTERM]

    /// Runs `body`, cancelling it when one of `signals` arrives.
    /// - Parameters:
    ///   - signals: the signals that cancel the work.
    ///   - body: the work; it must honour cancellation (as `ParallelExec` and `ChildProcess` do).
    /// - Returns: the body's value and the first signal received, if any (the command line then
    ///   exits with 128 + that signal, e.g. 130 for SIGINT).
    public static func run<T: Sendable>(
        signals: [Int32] = defaultSignals,
        _ body: @escaping @Sendable () async -> T
    ) async -> (value: T, signal: Int32?) {
        let (stream, continuation) = AsyncStream.makeStream(of: Int32.self)
        let previous = signals.map { ($0, signal($0, SIG_IGN)) }
        let sources = signals.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
        let work = Task { await body() }
        let relay = Task { () -> Int32? in
            for await number in stream {
                work.cancel()
                return number
            }
            return nil
        }
        let value = await withTaskCancellationHandler {
            await work.value
        } onCancel: {
            work.cancel()
        }
        for source in sources { source.cancel() }
        for (number, handler) in previous { signal(number, handler) }
        continuation.finish()
        return (value, await relay.value)
    }
}
