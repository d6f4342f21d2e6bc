import AWSFormats
import Foundation
import ParallelExec
import SessionActors

#if canImport(Glibc)
    import Glibc
#endif

/// Targets and environments shared by the exec tests.
enum ExecFixtures {
    /// A fixed instant so expiration strings are known: 2030-01-02T03:04:05Z.
    static let expiration = Date(timeIntervalSince1970: 1_893_553_445)

    /// Target `index`: profile `team-<index>`, account 1000000000<index>, role `Role<index>`,
    /// region set unless `withoutRegion`, and credentials unique to the index.
    static func target(_ index: Int, region: String? = "eu-west-1") -> ExecTarget {
        ExecTarget(
            profile: "team-\(index)",
            accountID: String(100_000_000_000 + index),
            roleName: "Role\(index)",
            region: region,
            credentials: RoleCredentials(
                accessKeyID: "ASIATEST\(index)KEY",
                secretAccessKey: "secret-\(index)-wJalrXUtnFEMI/K7MDENG",
                sessionToken: "token-\(index)-FwoGZXIvYXdzEJr//////////",
                expiration: expiration
            )
        )
    }

    /// A small, fully known parent environment with stale AWS variables that must not leak.
    static let baseEnvironment: [String: String] = [
        "PATH": "/usr/bin:/bin",
        "LANG": "C",
        "KEEP_ME": "kept value with spaces",
        "AWS_PROFILE": "outer-profile",
        "AWS_DEFAULT_PROFILE": "outer-default",
        "AWS_SDK_LOAD_CONFIG": "1",
        "AWS_CREDENTIAL_FILE": "/tmp/outer-credentials",
        "AWS_ACCESS_KEY_ID": "AKIAOUTER",
        "AWS_SECRET_ACCESS_KEY": "outer-secret",
        "AWS_SESSION_TOKEN": "outer-token",
        "AWS_SECURITY_TOKEN": "outer-security-token",
        "AWS_SESSION_EXPIRATION": "2001-01-01T00:00:00Z",
        "AWS_REGION": "us-east-2",
        "AWS_DEFAULT_REGION": "us-east-2",
        "MULTISSO_PROFILE": "outer",
    ]

    /// Parses `env -0` output into a dictionary.
    static func parseEnvZero(_ bytes: [UInt8]) -> [String: String] {
        var result: [String: String] = [:]
        for entry in bytes.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else { continue }
            result[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return result
    }
}

/// Records what happens while children run, safely from many tasks.
actor ExecRecorder {
    private(set) var processIDs: [String: Int32] = [:]
    private(set) var commandLines: [String: [String]] = [:]
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    func started(_ profile: String, _ pid: Int32) async {
        // Right after spawning, the child may still be inside execve, with no argv published yet.
        var commandLine = ProcessTable.commandLine(of: pid)
        for _ in 0..<200 where commandLine.isEmpty && ProcessTable.isAlive(pid) {
            // Polling /proc: another process's exec sends no event.
            try? await Task.sleep(for: .milliseconds(5))
            commandLine = ProcessTable.commandLine(of: pid)
        }
        processIDs[profile] = pid
        commandLines[profile] = commandLine
        resumeWaiters()
    }

    /// Waits until `count` children have started.
    func waitForStarts(_ count: Int) async {
        if processIDs.count >= count { return }
        await withCheckedContinuation { waiters.append((count, $0)) }
    }

    private func resumeWaiters() {
        waiters.removeAll { waiter in
            guard processIDs.count >= waiter.count else { return false }
            waiter.continuation.resume()
            return true
        }
    }
}

/// Reads /proc to see which processes exist.
enum ProcessTable {
    /// Whether a process with this ID exists (zombies count as existing).
    static func exists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Whether a process exists and is not a zombie.
    static func isAlive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
    }

    /// The IDs of every live process whose process group is one of `groups`.
    static func members(ofGroups groups: Set<Int32>) -> [Int32] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            // Fields after the command: state, ppid, pgrp, ...
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, let group = Int32(fields[2]), fields[0] != "Z" else { return false }
            return groups.contains(group)
        }
    }

    /// A process's argv from /proc/PID/cmdline (empty if it is gone).
    static func commandLine(of pid: Int32) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// A stream of lines a child printed, for tests that must wait for a child to be ready.
final class LineFeed: Sendable {
    let stream: AsyncStream<String>
    let continuation: AsyncStream<String>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: String.self)
    }

    var handler: @Sendable (ChildStream, [[UInt8]]) async -> Void {
        let continuation = self.continuation
        return { _, lines in
            for line in lines { continuation.yield(String(decoding: line, as: UTF8.self)) }
        }
    }

    /// Waits for a line equal to `text`.
    func waitFor(_ text: String) async {
        for await line in stream where line == text { return }
    }
}
