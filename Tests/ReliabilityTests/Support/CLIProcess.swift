import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished `multisso` process left: its exit status (or the signal that ended it), both
/// streams in full, and how long it ran.
struct CLIResult: Sendable, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    /// True when the process was ended by a signal (`status` is then the signal number).
    var signalled: Bool
    var stdout: String
    var stderr: String
    var seconds: Double
    var timedOut: Bool

    var succeeded: Bool { !signalled && status == 0 && !timedOut }

    var description: String {
        let ending = signalled ? "signal \(status)" : "exit \(status)"
        return "multisso \(arguments.joined(separator: " ")): \(ending)\(timedOut ? " (timed out)" : "") after "
            + "\(String(format: "%.2f", seconds)) s\nstderr: \(stderr.suffix(2000))"
    }
}

/// One `multisso` child process, spawned with `posix_spawn` and reaped with `waitpid` on its own pid
/// (Foundation's `Process` was seen to leave a child killed with SIGKILL unreaped under load). Output
/// goes to files, never pipes, so dozens of children never block on a full pipe.
struct CLIProcess: Sendable {
    struct SpawnFailed: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }

    /// Whether the child has been reaped (after which its pid may belong to someone else).
    final class State: Sendable {
        let reaped = Atomic<Bool>(false)
    }

    let arguments: [String]
    let pid: pid_t
    let state: State
    let stdoutURL: URL
    let stderrURL: URL
    let started: ContinuousClock.Instant

    /// Starts `multisso arguments` with exactly `environment`; output goes under `outputFolder`.
    static func start(_ arguments: [String], environment: [String: String], outputFolder: URL) throws -> CLIProcess {
        let id = UUID().uuidString
        let stdoutURL = outputFolder.appendingPathComponent("\(id).out")
        let stderrURL = outputFolder.appendingPathComponent("\(id).err")
        let executable = try BuiltProducts.multisso().path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let started = ContinuousClock.now
        let code = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard code == 0 else { throw SpawnFailed(code: code) }
        return CLIProcess(
            arguments: arguments, pid: pid, state: State(), stdoutURL: stdoutURL, stderrURL: stderrURL, started: started)
    }

    /// Sends SIGKILL, unless the child has already been reaped (so the pid cannot have been reused).
    func kill9() {
        if !state.reaped.load(ordering: .acquiring) { _ = kill(pid, SIGKILL) }
    }

    /// Waits for the end, killing the child after `timeout`.
    func wait(timeout: Duration = .seconds(120)) async -> CLIResult {
        let deadline = ContinuousClock.now + timeout
        var timedOut = false
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped == -1 && errno != EINTR) { break }
            if !timedOut && ContinuousClock.now > deadline {
                timedOut = true
                _ = kill(pid, SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        state.reaped.store(true, ordering: .releasing)
        let elapsed = ContinuousClock.now - started
        let signal = status & 0x7f
        return CLIResult(
            arguments: arguments, status: signal == 0 ? (status >> 8) & 0xff : signal, signalled: signal != 0,
            stdout: (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "",
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            timedOut: timedOut)
    }
}
