import Foundation
import SSOEmulator
import TestSupport
import Testing

/// Summaries that count what really happened: profiles without credentials are part of the total,
/// commands never started are not "killed by signal 2", and an interrupted login says so.
@Suite("CLI summaries and interruptions")
struct InterruptAndSummaryTests {
    static func unassigned(_ sandbox: CLISandbox, _ names: [String]) -> String {
        let profile = sandbox.profiles[0]
        return names.map { name in
            """
            [profile \(name)]
            sso_session = \(profile.session)
            sso_account_id = \(profile.accountID)
            sso_role_name = NoSuchRole
            services = emulator

            """
        }.joined()
    }

    @Test("exec counts profiles without credentials in its total; one failing profile is reported once")
    func countsEveryProfile() async throws {
        let emulator = ["--portals", "1", "--accounts", "3", "--roles-per-account", "2", "--auto-approve"]
        try await CLISandbox.run(emulator: emulator) { sandbox in
            try sandbox.writeConfig(extra: Self.unassigned(sandbox, ["gone-1", "gone-2"]))
            let all = try await sandbox.multisso(["exec", "--all", "--", "true"], browser: true)
            #expect(all.status == 1, "\(all)")
            #expect(
                all.stderr.contains("exec: 6 of 8 profiles succeeded; no credentials: 2 (gone-1, gone-2)"), "\(all)")
            let one = try await sandbox.multisso(["exec", "--profile", "gone-1", "--", "true"], browser: true)
            #expect(one.status == 1, "\(one)")
            #expect(one.stderr.components(separatedBy: "NoSuchRole").count == 2, "the error once: \(one)")
            #expect(!one.stderr.contains("0 of 0") && !one.stderr.contains("exec:"), "\(one)")
        }
    }

    @Test("after Ctrl-C, commands that never started are counted as not started, not as killed by a signal")
    func notStartedAfterInterrupt() async throws {
        let emulator = ["--portals", "1", "--accounts", "3", "--roles-per-account", "1", "--auto-approve"]
        try await CLISandbox.run(emulator: emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let marker = sandbox.folder.appendingPathComponent("started")
            // One process that makes the marker and then waits, with SIGINT's default action set first.
            // Not `sh -c 'touch …; sleep 30'`: dash catches SIGINT under -c, and a SIGINT landing while it
            // forks `sleep` is caught in the child before its exec and lost, so `sleep` runs on and only the
            // SIGTERM two seconds later ends it (seen once on a loaded CI machine).
            let program = """
                import pathlib, signal, sys, time
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                pathlib.Path(sys.argv[1]).touch()
                time.sleep(30)
                """
            let python = try ConformancePython.interpreter().path
            let exec = try sandbox.start([
                "exec", "--all", "--parallel", "1", "--", python, "-c", program, marker.path,
            ])
            #expect(await ChildRun.eventually { FileManager.default.fileExists(atPath: marker.path) })
            exec.send(SIGINT)
            let result = await exec.wait(timeout: .seconds(60))
            #expect(result.status == 130, "\(result)")
            #expect(result.stderr.contains("exec: 0 of 3 profiles succeeded (interrupted)"), "\(result)")
            #expect(result.stderr.contains("not started: 2"), "\(result)")
            #expect(result.stderr.contains("signal 2: 1"), "\(result)")
        }
    }

    @Test("Ctrl-C during a login reports every profile as interrupted, in text and JSON")
    func loginInterrupted() async throws {
        let emulator = ["--portals", "1", "--accounts", "2", "--roles-per-account", "1"]
        try await CLISandbox.run(emulator: emulator) { sandbox in
            for output in ["text", "json"] {
                let login = try sandbox.start([
                    "login", "--all", "--use-device-code", "--no-browser", "--output", output,
                ])
                let prompted = await ChildRun.eventually { DeviceCodeLoginTests.userCode(in: login.stderrSoFar) != nil }
                #expect(prompted, "\(login.stderrSoFar)")
                login.send(SIGINT)
                let result = await login.wait(timeout: .seconds(60))
                #expect(result.status == 130, "\(result)")
                #expect(
                    !result.allOutput.contains("CancellationError") && !result.allOutput.contains("login_failed"),
                    "\(result)")
                if output == "json" {
                    // The portal and its two profiles.
                    #expect(
                        result.stdout.components(separatedBy: #""errorCode" : "cancelled""#).count == 4, "\(result)")
                    #expect(
                        result.stdout.components(separatedBy: #""message" : "interrupted""#).count == 4, "\(result)")
                } else {
                    #expect(result.stderr.contains("\(sandbox.profiles[0].name): interrupted"), "\(result)")
                }
            }
        }
    }
}
