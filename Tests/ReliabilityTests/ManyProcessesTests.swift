import Foundation
import SSOEmulator
import TestSupport
import Testing

/// Dozens of shells, scripts and credential_process hooks on one HOME at once.
@Suite("Many multisso processes on one HOME at once")
struct ManyProcessesTests {
    @Test(
        "8 `login --all` and 50 `credential-process` started together: one login and one CreateToken per portal, all succeed, every cache file always whole"
    )
    func loginsAndCredentialProcesses() async throws {
        let configuration = EmulatorConfiguration.reliability(
            portals: 3, accounts: 10, latency: .milliseconds(20), jitter: .milliseconds(10))
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            try home.writeConfig()
            #expect(home.profileNames.count == 60)
            let poller = CachePoller()
            await poller.start(home)

            var processes: [ChildRun] = []
            for _ in 0..<8 {
                processes.append(try home.start(["login", "--all", "--output", "json"]))
            }
            for index in 0..<50 {
                // Spread over every portal; waits for the logins started at the same moment.
                let profile = home.profileNames[(index * 7) % home.profileNames.count]
                processes.append(
                    try home.start([
                        "credential-process", "--profile", profile, "--wait-for-login",
                        ProcessInfo.processInfo.environment["MULTISSO_WAIT_FOR_LOGIN"] ?? "120",
                    ]))
            }
            var results: [RunResult] = []
            for process in processes { results.append(await process.wait(timeout: .seconds(300))) }
            let polled = await poller.stop()

            for result in results where !result.succeeded { Issue.record("a process failed: \(result)") }
            #expect(results.count(where: \.succeeded) == 58)
            for result in results where result.arguments.first == "credential-process" {
                let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                #expect(document?["Version"] as? Int == 1)
                #expect((document?["AccessKeyId"] as? String)?.hasPrefix("ASIA") == true)
                #expect((document?["SessionToken"] as? String)?.isEmpty == false)
            }
            for result in results where result.arguments.first == "login" {
                let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                let profiles = report?["profiles"] as? [[String: Any]] ?? []
                #expect(profiles.count == 60)
                #expect(profiles.allSatisfy { $0["succeeded"] as? Bool == true })
            }

            let stats = await emulator.stats()
            #expect(stats.tokensIssued.count == 3, "every portal logged in: \(stats.tokensIssued)")
            #expect(stats.tokensIssued.values.allSatisfy { $0 == 1 }, "one token per portal: \(stats.tokensIssued)")
            #expect(stats.calls["CreateToken"] == 3, "one CreateToken per portal: \(stats.calls)")
            #expect(stats.calls["RegisterClient"] == 3)
            #expect(stats.calls["Authorize"] == 3)
            #expect(stats.grants["refresh_token"] == nil)

            #expect(polled.problems.isEmpty, "a reader saw a partial cache file: \(polled.problems.prefix(5))")
            #expect(polled.sweeps >= 20, "the reader must have looked often enough to mean something")
            #expect(polled.reads >= 100)
            let final = CacheAudit.snapshot(home)
            #expect(CacheAudit.problems(final).isEmpty)
            #expect(final.count == 3 + 3 + 60, "3 tokens, 3 registrations, 60 credential files: \(final.count)")
            #expect(CacheAudit.temporaryFiles(home).isEmpty)
            print("many processes: 58 processes, \(polled.sweeps) cache sweeps, \(polled.reads) file reads, 0 partial")
        }
    }
}
