public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one child-process runner of the tests: a started process whose output goes to files (never a
/// pipe that could fill up), so that a test can read what it printed so far while it runs, signal it,
/// and wait for it with a deadline. Reaped by `waitpid` on its own pid, on a thread of its own.
public final class ChildRun: Sendable {
    public let arguments: [String]
    public let pid: Int32
    public let stdoutFile: URL
    public let stderrFile: URL
    private let started = ContinuousClock.now
    private let exit: Task<Int32, Never>
    /// Set once the child is reaped: its pid may then belong to another process, so no signal goes to it.
    private let reaped: Atomic<Bool>
    private let killedForTimeout = Atomic<Bool>(false)

    /// Starts `executable` with exactly `environment`, in `folder`, where its output files are
    /// `NAME.stdout` and `NAME.stderr`.
    public init(
        _ executable: URL, _ arguments: [String], environment: [String: String], in folder: URL, name: String,
        streams: ChildStreams = .files
    ) throws {
        stdoutFile = folder.appendingPathComponent("\(name).stdout")
        stderrFile = folder.appendingPathComponent("\(name).stderr")
        for file in [stdoutFile, stderrFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        let spawned = try SpawnedChild(
            executable: executable.path, arguments: arguments, environment: environment, directory: folder.path,
            stdout: stdoutFile.path, stderr: stderrFile.path, streams: streams)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let watched = spawned.pid
        reaped = Atomic<Bool>(false)
        self.arguments = [executable.lastPathComponent] + arguments
        self.pid = spawned.pid
        self.exit = Task {
            for await status in stream { return status }
            return -1
        }
        Thread.detachNewThread { [self] in
            var status: Int32 = 0
            while waitpid(watched, &status, 0) < 0 && errno == EINTR {}
            self.reaped.store(true, ordering: .releasing)
            continuation.yield(status)
            continuation.finish()
        }
    }

    /// What the child wrote to stdout / stderr so far.
    public var stdoutSoFar: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    public var stderrSoFar: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Whether the child has ended (and been reaped).
    public var hasEnded: Bool { reaped.load(ordering: .acquiring) }

    /// Sends a signal to the child, unless it has already been reaped.
    public func send(_ signal: Int32) {
        if !reaped.load(ordering: .acquiring) { _ = kill(pid, signal) }
    }

    /// Waits for the child to end; after `timeout` it is killed (status 128 + 9) so that no test hangs.
    public func wait(timeout: Duration = .seconds(90)) async -> RunResult {
        let killer = Task {
            // A deadline in wall time: how long the child may run is what it bounds.
            try await Task.sleep(for: timeout)
            killedForTimeout.store(true, ordering: .relaxed)
            send(SIGKILL)
        }
        let raw = await exit.value
        killer.cancel()
        let elapsed = ContinuousClock.now - started
        let signal = raw & 0x7f
        return RunResult(
            arguments: arguments, pid: pid, status: signal == 0 ? (raw >> 8) & 0xff : 128 + signal,
            signal: signal == 0 ? nil : signal,
            stdout: stdoutSoFar, stderr: stderrSoFar,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            timedOut: killedForTimeout.load(ordering: .relaxed))
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` passes.
    public static func eventually(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async rethrows
        -> Bool
    {
        try await TestSupport.eventually(timeout: timeout, condition)
    }
}
