import AWSFormats
import Foundation
import ParallelExec
import SessionActors
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Parallel exec")
struct ParallelExecTests {
    /// Prints two stdout lines and one stderr line naming the profile, then exits with the
    /// account ID modulo 4 (so a quarter of the profiles each exit 0, 1, 2 and 3).
    static let script = """
        echo "out $MULTISSO_PROFILE $1"; echo "err $MULTISSO_PROFILE" >&2; echo "again $AWS_ACCOUNT_ID"; \
        exit $(( $(echo "$AWS_ACCOUNT_ID" | sed 's/^0*//') % 4 ))
        """

    static func runner(
        _ mode: ExecOutputMode, parallelism: Int = 16, colour: Bool = false,
        output: CollectingSink, error: CollectingSink, recorder: ExecRecorder? = nil,
        executable: String = "/bin/sh", arguments: [String] = ["-c", script, "sh", "{profile}"]
    ) throws -> ParallelExec {
        ParallelExec(
            executable: executable, arguments: ArgumentTemplate(arguments),
            baseEnvironment: ExecFixtures.baseEnvironment,
            options: ParallelExecOptions(parallelism: parallelism, mode: mode, colour: colour),
            standardOutput: output, standardError: error,
            onStart: { profile, pid in await recorder?.started(profile, pid) }
        )
    }

    @Test("100 profiles in parallel: every line labelled with the right profile")
    func labelledHundred() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let targets = (1...100).map { ExecFixtures.target($0) }
        let report = try await Self.runner(.labelled, output: output, error: error).run(targets)

        var outLines: [String: [String]] = [:]
        for line in await output.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let match = try #require(line.wholeMatch(of: /\[(team-\d+)\] (.*)/))
            outLines[String(match.1), default: []].append(String(match.2))
        }
        var errLines: [String: [String]] = [:]
        for line in await error.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let match = try #require(line.wholeMatch(of: /\[(team-\d+)\] (.*)/))
            errLines[String(match.1), default: []].append(String(match.2))
        }
        #expect(outLines.count == 100)
        for target in targets {
            #expect(
                outLines[target.profile] == ["out \(target.profile) \(target.profile)", "again \(target.accountID)"])
            #expect(errLines[target.profile] == ["err \(target.profile)"])
        }
        #expect(report.results.map(\.profile) == targets.map(\.profile))
    }

    @Test("summary counts exit codes and the overall status is the highest one")
    func summaryAndOverallStatus() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let targets = (1...100).map { ExecFixtures.target($0) }
        let report = try await Self.runner(.labelled, output: output, error: error).run(targets)
        let summary = report.summary
        #expect(summary.total == 100)
        #expect(summary.succeeded == 25)
        #expect(summary.countsByExitStatus.map(\.status) == [0, 1, 2, 3])
        #expect(summary.countsByExitStatus.map(\.count) == [25, 25, 25, 25])
        #expect(summary.failedProfiles == targets.filter { (Int($0.accountID) ?? 0) % 4 != 0 }.map(\.profile))
        #expect(!summary.failedProfiles.contains("team-4"))
        #expect(report.overallExitStatus == 3)
        #expect(!report.wasInterrupted)
        let line = report.summaryLine(maxNamesPerStatus: 2)
        #expect(line.hasPrefix("exec: 25 of 100 profiles succeeded; exit 1: 25 (team-1, team-5, +23 more); exit 2: 25"))
    }

    @Test("overall status: 0 when all succeed, the child's own status for one profile")
    func overallStatusRule() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let allGood = try await Self.runner(.labelled, output: output, error: error, arguments: ["-c", "exit 0"])
            .run((1...5).map { ExecFixtures.target($0) })
        #expect(allGood.overallExitStatus == 0)
        let one = try await Self.runner(.labelled, output: output, error: error, arguments: ["-c", "exit 5"])
            .run([ExecFixtures.target(1)])
        #expect(one.overallExitStatus == 5)
        let signalled = try await Self.runner(
            .labelled, output: output, error: error, arguments: ["-c", "kill -TERM $$"]
        )
        .run([ExecFixtures.target(1), ExecFixtures.target(2)])
        #expect(signalled.overallExitStatus == 143)
        let empty = try await Self.runner(.labelled, output: output, error: error).run([])
        #expect(empty.overallExitStatus == 0)
    }

    @Test("a missing command or a missing {region} fails that profile only, with shell-like statuses")
    func startFailures() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let missing = try await Self.runner(
            .labelled, output: output, error: error, executable: "no-such-command-multisso", arguments: []
        )
        .run([ExecFixtures.target(1), ExecFixtures.target(2)])
        #expect(
            missing.results.map(\.outcome)
                == Array(
                    repeating: .failedToStart(.executableNotFound(executable: "no-such-command-multisso")), count: 2))
        #expect(missing.overallExitStatus == 127)
        #expect(await error.text.contains("[team-1] multisso: Command not found: no-such-command-multisso"))

        let region = try await Self.runner(
            .labelled, output: output, error: error, arguments: ["-c", "exit 0", "sh", "{region}"]
        )
        .run([ExecFixtures.target(1), ExecFixtures.target(2, region: nil)])
        #expect(region.results[0].outcome == .finished(.exited(0)))
        #expect(
            region.results[1].outcome
                == .failedToStart(.missingPlaceholderValue(placeholder: "region", profile: "team-2")))
        #expect(region.overallExitStatus == 3, "a profile without the value is a configuration error")
    }

    @Test("labels are coloured when asked, each profile always in the same colour")
    func colouredLabels() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        _ = try await Self.runner(.labelled, colour: true, output: output, error: error, arguments: ["-c", "echo hi"])
            .run([ExecFixtures.target(1), ExecFixtures.target(2)])
        let text = await output.text
        for profile in ["team-1", "team-2"] {
            let code = OutputLabeller.colourCode(for: profile)
            #expect(code == OutputLabeller.colourCode(for: profile))
            #expect(text.contains("\u{1B}[\(code)m[\(profile)]\u{1B}[0m hi\n"))
        }
    }

    @Test("grouped output prints each profile's lines together")
    func grouped() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let script = "for i in 1 2 3; do echo \"$1 line $i\"; sleep 0.0$i; done; echo \"$1 warn\" >&2"
        let targets = (1...8).map { ExecFixtures.target($0) }
        _ = try await Self.runner(
            .grouped, parallelism: 8, output: output, error: error, arguments: ["-c", script, "sh", "{profile}"]
        )
        .run(targets)
        let text = await output.text
        for target in targets {
            let block =
                "==> \(target.profile) (exit 0) <==\n\(target.profile) line 1\n\(target.profile) line 2\n\(target.profile) line 3\n"
            #expect(text.contains(block))
            #expect(await error.text.contains("==> \(target.profile) (exit 0) <==\n\(target.profile) warn\n"))
        }
        #expect(await output.batches == 8)
    }

    @Test("report mode collects output, status and duration for JSON")
    func jsonReport() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let targets = (1...4).map { ExecFixtures.target($0) }
        let report = try await Self.runner(.report, output: output, error: error).run(targets)
        #expect(await output.bytes.isEmpty)
        #expect(await error.bytes.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        #expect(json["exitStatus"] as? Int == 3)
        let profiles = try #require(json["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["profile"] as? String } == targets.map(\.profile))
        for (entry, target) in zip(profiles, targets) {
            #expect(entry["exitCode"] as? Int == Int(target.accountID)! % 4)
            #expect(
                entry["stdout"] as? String == "out \(target.profile) \(target.profile)\nagain \(target.accountID)\n")
            #expect(entry["stderr"] as? String == "err \(target.profile)\n")
            #expect((entry["durationSeconds"] as? Double ?? 0) > 0)
            #expect(entry["signal"] is NSNull)
        }
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["exitStatusCounts"] as? [String: Int] == ["0": 1, "1": 1, "2": 1, "3": 1])
    }

    @Test("children get their own profile's credentials, never another's, and none in argv")
    func credentialsPerChild() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let recorder = ExecRecorder()
        let targets = (1...20).map { ExecFixtures.target($0) }
        // Each child stays alive until its argv has been read (a go-file per profile), so a loaded
        // machine cannot turn it into a zombie with an empty /proc/PID/cmdline first.
        let release = FileManager.default.temporaryDirectory.appendingPathComponent("exec-argv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: release, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: release) }
        let script =
            "echo \"$AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_SESSION_TOKEN\"; "
            + "i=0; while [ ! -e \"\(release.path)/$1\" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done"
        let runner = ParallelExec(
            executable: "/bin/sh", arguments: ArgumentTemplate(["-c", script, "sh", "{profile}", "{account_id}"]),
            baseEnvironment: ExecFixtures.baseEnvironment,
            options: ParallelExecOptions(parallelism: 20, mode: .report),
            standardOutput: output, standardError: error,
            onStart: { profile, pid in
                await recorder.started(profile, pid)
                _ = FileManager.default.createFile(atPath: release.appendingPathComponent(profile).path, contents: nil)
            }
        )
        let report = try await runner.run(targets)
        let commandLines = await recorder.commandLines
        for (result, target) in zip(report.results, targets) {
            let credentials = target.credentials
            #expect(
                String(decoding: result.standardOutput, as: UTF8.self)
                    == "\(credentials.accessKeyID) \(credentials.secretAccessKey) \(credentials.sessionToken)\n")
            let argv = try #require(commandLines[target.profile])
            #expect(argv == ["/bin/sh", "-c", script, "sh", target.profile, target.accountID])
            #expect(!argv.joined().contains("secret-") && !argv.joined().contains("token-"))
        }
    }

    @Test("parallelism is bounded and must be positive")
    func parallelismBound() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        // Each child waits for a gate file, so children overlap for as long as the test needs,
        // however late (under load) each start is observed. The gate opens once three are alive
        // at once, or after 30 s, which then fails the first expectation instead of hanging.
        let gate = FileManager.default.temporaryDirectory.appendingPathComponent("multisso-gate-\(UUID().uuidString)")
            .path
        defer { unlink(gate) }
        let probe = ConcurrencyProbe(openGateAt: 3) { _ = FileManager.default.createFile(atPath: gate, contents: nil) }
        let timeout = Task {
            // A deadline in wall time, so that a failure fails instead of hanging.
            try await Task.sleep(for: .seconds(30))
            await probe.openGate()
        }
        defer { timeout.cancel() }
        let runner = ParallelExec(
            executable: "/bin/sh",
            arguments: ArgumentTemplate(["-c", "while [ ! -e \"$1\" ]; do sleep 0.01; done", "gated", gate]),
            baseEnvironment: ExecFixtures.baseEnvironment,
            options: ParallelExecOptions(parallelism: 3, mode: .report),
            standardOutput: output, standardError: error,
            onStart: { _, pid in await probe.started(pid) }
        )
        let report = try await runner.run((1...9).map { ExecFixtures.target($0) })
        #expect(report.overallExitStatus == 0)
        #expect(await probe.maxAlive == 3)
        await #expect(throws: ExecError.invalidParallelism(0)) {
            try await Self.runner(.report, parallelism: 0, output: output, error: error).run([])
        }
        #expect(ParallelExec.defaultParallelism(processorCount: 1) == 4)
        #expect(ParallelExec.defaultParallelism(processorCount: 8) == 16)
        #expect(ParallelExec.defaultParallelism(processorCount: 64) == 32)
    }

    @Test("Ctrl-C during 100 running children leaves none alive")
    func cancellationLeavesNoChild() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let recorder = ExecRecorder()
        let targets = (1...100).map { ExecFixtures.target($0) }
        let runner = try Self.runner(
            .labelled, parallelism: 100, output: output, error: error, recorder: recorder,
            executable: "sleep", arguments: ["30"])
        let clock = ContinuousClock()
        let task = Task { try await runner.run(targets) }
        await recorder.waitForStarts(100)
        let pids = Set(await recorder.processIDs.values)
        #expect(pids.count == 100)
        #expect(pids.allSatisfy(ProcessTable.isAlive))
        let cancelled = clock.now
        task.cancel()
        let report = try await task.value
        #expect(clock.now - cancelled < .seconds(10))
        #expect(report.wasInterrupted)
        #expect(report.overallExitStatus == 130)
        #expect(report.results.allSatisfy { $0.outcome == .finished(.signalled(SIGINT)) })
        #expect(ProcessTable.members(ofGroups: pids).isEmpty)
        #expect(pids.filter(ProcessTable.isAlive).isEmpty)
    }

    @Test("after cancellation no new child starts")
    func cancellationStopsAdmission() async throws {
        let (output, error) = (CollectingSink(), CollectingSink())
        let recorder = ExecRecorder()
        let runner = try Self.runner(
            .labelled, parallelism: 2, output: output, error: error, recorder: recorder,
            executable: "sleep", arguments: ["30"])
        let task = Task { try await runner.run((1...10).map { ExecFixtures.target($0) }) }
        await recorder.waitForStarts(2)
        task.cancel()
        let report = try await task.value
        #expect(await recorder.processIDs.count == 2)
        #expect(report.results.filter { $0.outcome == .notStarted }.count == 8)
        #expect(report.summary.failedProfiles.count == 10)
        #expect(report.overallExitStatus == 130)
    }
}

/// Counts children alive at once by checking, at each start, which recorded ones still run;
/// opens the test's gate (letting the children end) once `openGateAt` are alive together.
actor ConcurrencyProbe {
    private var pids: [Int32] = []
    private(set) var maxAlive = 0
    private let openGateAt: Int
    private var open: (@Sendable () -> Void)?

    init(openGateAt: Int, open: @escaping @Sendable () -> Void) {
        self.openGateAt = openGateAt
        self.open = open
    }

    func started(_ pid: Int32) {
        pids.append(pid)
        maxAlive = max(maxAlive, pids.filter(ProcessTable.isAlive).count)
        if maxAlive >= openGateAt { openGate() }
    }

    func openGate() {
        open?()
        open = nil
    }
}
