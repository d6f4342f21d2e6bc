import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso exec` across many profiles: 100 children in parallel with labelled output, the summary of
/// exit codes and the overall status, and Ctrl-C leaving no process behind.
@Suite("CLI exec (many profiles)")
struct ExecParallelTests {
    /// One portal, 50 accounts, 2 roles: 100 profiles.
    static let hundred = ["--portals", "1", "--accounts", "50", "--roles-per-account", "2", "--auto-approve"]

    @Test("100 profiles in parallel: every line labelled with its profile and that profile's credentials")
    func labelledOutput() async throws {
        try await CLISandbox.run(emulator: Self.hundred) { sandbox in
            #expect(sandbox.profiles.count == 100)
            let result = try await sandbox.multisso(
                [
                    "exec", "--all", "--parallel", "100", "--", "/bin/sh", "-c",
                    #"echo "$MULTISSO_PROFILE $AWS_ACCOUNT_ID $AWS_ACCESS_KEY_ID"; sleep 2; echo done"#,
                ],
                browser: true, timeout: .seconds(180))
            #expect(result.status == 0, "\(result)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 200)
            for profile in sandbox.profiles {
                let mine = lines.filter { $0.hasPrefix("[\(profile.name)] ") }
                let key = try sandbox.cache.credentials(profile).Credentials.AccessKeyId
                #expect(
                    mine == ["[\(profile.name)] \(profile.name) \(profile.accountID) \(key)", "[\(profile.name)] done"])
            }
            #expect(result.stderr.contains("exec: 100 of 100 profiles succeeded"), "\(result.stderr)")
            // 100 children sleeping 2 s each: far less than the 200 s they would take one after another.
            #expect(result.seconds < 90, "took \(result.seconds)s")
        }
    }

    @Test("exit codes are summarised on stderr and the overall status is the highest")
    func exitSummary() async throws {
        let arguments = ["--portals", "1", "--accounts", "5", "--roles-per-account", "2", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let codes = sandbox.folder.appendingPathComponent("codes")
            try FileManager.default.createDirectory(at: codes, withIntermediateDirectories: true)
            let names = sandbox.profiles.map(\.name)
            let plan: [String: String] = [names[0]: "3", names[4]: "3", names[5]: "7", names[9]: "kill"]
            for (name, code) in plan {
                try code.write(to: codes.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            let result = try await sandbox.multisso(
                [
                    "exec", "--all", "--", "/bin/sh", "-c",
                    #"c=$(cat "$1" 2>/dev/null || echo 0); if [ "$c" = kill ]; then kill -TERM $$; fi; exit "$c""#,
                    "sh", codes.path + "/{profile}",
                ],
                browser: true)
            #expect(result.status == 143, "\(result)")
            let summary = try #require(
                result.stderr.split(separator: "\n").last { $0.hasPrefix("exec: ") }.map(String.init))
            #expect(summary.hasPrefix("exec: 6 of 10 profiles succeeded"), "\(summary)")
            #expect(Self.names(in: summary, after: "exit 3: 2") == [names[0], names[4]], "\(summary)")
            #expect(Self.names(in: summary, after: "exit 7: 1") == [names[5]], "\(summary)")
            #expect(Self.names(in: summary, after: "signal 15: 1") == [names[9]], "\(summary)")
        }
    }

    /// The profile names listed in parentheses after `label` in the summary line.
    static func names(in summary: String, after label: String) -> Set<String> {
        guard let start = summary.range(of: label + " (") else { return [] }
        let rest = summary[start.upperBound...]
        guard let end = rest.firstIndex(of: ")") else { return [] }
        return Set(rest[..<end].split(separator: ", ").map(String.init))
    }

    @Test("a line longer than 64 KiB stays one labelled line")
    func longLineStaysWhole() async throws {
        let emulator = ["--portals", "1", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]
        try await CLISandbox.run(emulator: emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let result = try await sandbox.multisso(
                ["exec", "--all", "--", "/bin/sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x; echo; echo end"])
            #expect(result.status == 0, "\(result.stderr)")
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 4, "\(lines.map(\.count))")
            for profile in sandbox.profiles {
                let mine = lines.filter { $0.hasPrefix("[\(profile.name)] ") }
                #expect(
                    mine == ["[\(profile.name)] " + String(repeating: "x", count: 300_000), "[\(profile.name)] end"])
            }
        }
    }

    @Test("Ctrl-C during a 100-profile exec ends with 130 and leaves no child or grandchild running")
    func interruptLeavesNothing() async throws {
        try await CLISandbox.run(emulator: Self.hundred) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let pids = sandbox.folder.appendingPathComponent("pids")
            try FileManager.default.createDirectory(at: pids, withIntermediateDirectories: true)
            // Each child records its PID and that of a background grandchild, then waits.
            let exec = try sandbox.start(
                [
                    "exec", "--all", "--parallel", "100", "--", "/bin/sh", "-c",
                    #"echo $$ > "$1.child"; sleep 300 & echo $! > "$1.grandchild"; wait"#,
                    "sh", pids.path + "/{profile}",
                ])
            let allStarted = await ChildRun.eventually(timeout: .seconds(90)) {
                ProcessTable.pids(in: pids, suffix: ".grandchild").count == 100
                    && ProcessTable.pids(in: pids, suffix: ".child").count == 100
            }
            let started =
                ProcessTable.pids(in: pids, suffix: ".child") + ProcessTable.pids(in: pids, suffix: ".grandchild")
            #expect(allStarted, "only \(started.count) of 200 processes started")
            #expect(started.allSatisfy(ProcessTable.isRunning))
            exec.send(SIGINT)
            let result = await exec.wait(timeout: .seconds(60))
            #expect(result.status == 130, "\(result)")
            let survivors = started.filter(ProcessTable.isRunning)
            for pid in survivors { kill(pid, SIGKILL) }
            #expect(survivors.isEmpty, "still running after exec ended: \(survivors)")
        }
    }
}
