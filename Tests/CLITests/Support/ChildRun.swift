import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A finished process: its exit status (128 + signal when killed) and everything it wrote.
struct RunResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var stdout: String
    var stderr: String
    var seconds: Double

    var description: String {
        "`\(arguments.joined(separator: " "))` exited \(status) after \(String(format: "%.1f", seconds))s\n"
            + "--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }
}

/// A started child process whose output goes to files (never a pipe that could fill up), so that a
/// test can read what it printed so far while it runs, signal it, and wait for it with a deadline.
final class ChildRun: Sendable {
    let arguments: [String]
    let pid: Int32
    let stdoutFile: URL
    let stderrFile: URL
    private let started = ContinuousClock.now
    private let exit: Task<Int32, Never>

    /// Starts `executable` with exactly `environment`; stdin is /dev/null.
    init(_ executable: URL, _ arguments: [String], environment: [String: String], in folder: URL, name: String) throws {
        stdoutFile = folder.appendingPathComponent("\(name).stdout")
        stderrFile = folder.appendingPathComponent("\(name).stderr")
        for file in [stdoutFile, stderrFile] { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
        // posix_spawn directly: Foundation's Process.run on Linux reads past a buffer while it sets up
        // the child (seen as crashes of the test runner when many tests start processes at once).
        let spawned = try SpawnedChild(
            executable: executable.path, arguments: arguments, environment: environment, directory: folder.path,
            stdout: stdoutFile.path, stderr: stderrFile.path)
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let watched = spawned.pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(watched, &status, 0) < 0 && errno == EINTR {}
            let signal = status & 0x7f
            continuation.yield(signal == 0 ? (status >> 8) & 0xff : 128 + signal)
            continuation.finish()
        }
        self.arguments = [executable.lastPathComponent] + arguments
        self.pid = spawned.pid
        self.exit = Task {
            for await status in stream { return status }
            return -1
        }
    }

    /// What the child wrote to stdout / stderr so far.
    var stdoutSoFar: String { (try? String(contentsOf: stdoutFile, encoding: .utf8)) ?? "" }
    var stderrSoFar: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Sends a signal to the child.
    func send(_ signal: Int32) { _ = kill(pid, signal) }

    /// Waits for the child to end; after `timeout` it is killed (status 128 + 9) so that no test hangs.
    func wait(timeout: Duration = .seconds(90)) async -> RunResult {
        let pid = self.pid
        let killer = Task {
            try await Task.sleep(for: timeout)
            _ = kill(pid, SIGKILL)
        }
        let status = await exit.value
        killer.cancel()
        let elapsed = ContinuousClock.now - started
        return RunResult(
            arguments: arguments, status: status, stdout: stdoutSoFar, stderr: stderrSoFar,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` passes.
    static func eventually(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) async rethrows -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try condition()
    }
}
