import Foundation
import SSOEmulator
import TestSupport
import Testing

/// A flaky, slow or throttling service; permanent errors of one role; timeouts.
@Suite("Faults: `login --all` over 500 profiles loses nothing")
struct FaultTests {
    /// One kind of trouble the emulator is told to make, and the counter that proves it happened.
    struct Fault: Sendable, CustomTestStringConvertible {
        var name: String
        var counter: String
        var apply: @Sendable (inout EmulatorConfiguration) -> Void
        var testDescription: String { name }
    }

    static let faults: [Fault] = [
        Fault(name: "10% HTTP 500", counter: "error") { $0.failRate = 0.10 },
        Fault(name: "10% dropped connections", counter: "drop") { $0.dropRate = 0.10 },
        Fault(name: "10% of calls stall 2 s", counter: "stall") {
            $0.stallRate = 0.10
            $0.stallDuration = .seconds(2)
        },
        Fault(name: "429 in bursts (40/s, burst 20, Retry-After 1 s)", counter: "throttled") {
            $0.rateLimit = 40
            $0.burst = 20
            $0.retryAfter = .seconds(1)
        },
        Fault(name: "all at once: 5% 500, 5% drops, 5% stalls of 2 s, 429 bursts", counter: "error") {
            $0.failRate = 0.05
            $0.dropRate = 0.05
            $0.stallRate = 0.05
            $0.stallDuration = .seconds(2)
            $0.rateLimit = 60
            $0.burst = 30
        },
    ]

    static func fiveHundredProfiles() -> EmulatorConfiguration {
        .reliability(portals: 5, accounts: 50, latency: .milliseconds(10), jitter: .milliseconds(20))
    }

    @Test(
        "login --all over 500 profiles, faults from the first call (the login included): zero lost", arguments: faults)
    func fiveHundredProfilesUnderFault(_ fault: Fault) async throws {
        var configuration = Self.fiveHundredProfiles()
        fault.apply(&configuration)
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            try home.writeConfig()
            #expect(home.profileNames.count == 500)
            let result = try await home.run(["login", "--all", "--output", "json"], timeout: .seconds(400))
            #expect(result.succeeded, "\(result)")
            let report = try LoginReport(result)
            #expect(report.profiles.count == 500)
            #expect(
                report.failed.isEmpty,
                "lost profiles: \(report.failed.prefix(3).map { "\($0.profile): \($0.message ?? "")" })")
            #expect(result.seconds < 240, "bounded time: \(result.seconds) s")
            let stats = await emulator.stats()
            let injected = fault.counter == "throttled" ? stats.throttled : stats.faults[fault.counter] ?? 0
            #expect(
                injected > 0, "the fault must actually have happened: \(stats.faults), throttled \(stats.throttled)")
            #expect(stats.roleCredentialRequests.count == 500, "every role got credentials once it succeeded")
            #expect(stats.tokensIssued.count == 5)
            #expect(CacheAudit.problems(CacheAudit.snapshot(home)).isEmpty)
            print(
                "fault \(fault.name): 500/500 profiles in \(String(format: "%.1f", result.seconds)) s; "
                    + "faults \(stats.faults), throttled \(stats.throttled), calls \(stats.calls)")
        }
    }

    @Test("stalls longer than --timeout: the stalled calls time out and are retried; 500 profiles, zero lost")
    func stallsLongerThanTimeout() async throws {
        try await CLIHome.withEmulator(Self.fiveHundredProfiles()) { emulator, home in
            var home = home
            try home.writeConfig()
            let login = try await home.run(["login", "--all"], timeout: .seconds(240))
            try #require(login.succeeded, "\(login)")
            await emulator.update {
                $0.stallRate = 0.10
                $0.stallDuration = .seconds(3)
            }
            let result = try await home.run(
                ["login", "--all", "--refresh-credentials", "--timeout", "1", "--output", "json"],
                timeout: .seconds(300))
            #expect(result.succeeded, "\(result)")
            let report = try LoginReport(result)
            #expect(report.profiles.count == 500)
            #expect(report.failed.isEmpty)
            let stats = await emulator.stats()
            #expect(stats.faults["stall"] ?? 0 > 0)
            // Every stalled call was abandoned after 1 s and tried again: more calls than profiles.
            #expect(stats.calls["GetRoleCredentials"] ?? 0 >= 1000 + (stats.faults["stall"] ?? 0) / 2)
            #expect(result.seconds < 240)
        }
    }

    @Test("every call stalls: --timeout bounds the run; the error says what timed out")
    func timeoutIsConfigurable() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 2
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            try home.writeConfig()
            try #require(try await home.run(["login", "--all"]).succeeded)
            await emulator.update {
                $0.stallRate = 1
                $0.stallDuration = .seconds(8)
            }
            let login = try await home.run(
                ["login", "--all", "--refresh-credentials", "--timeout", "0.5", "--output", "json"],
                timeout: .seconds(120))
            // Every profile failed for one reason, the service: exit 5, as the README's table says.
            #expect(login.status == 5, "\(login)")
            let report = try LoginReport(login)
            #expect(report.failed.count == 4)
            #expect(
                report.failed.allSatisfy { ($0.message ?? "").contains("timed out") }, "\(report.failed.map(\.message))"
            )
            // 6 attempts of 0.5 s plus backoff; without the timeout one attempt alone would take 8 s.
            #expect(login.seconds < 20, "\(login.seconds) s")

            try FileManager.default.removeItem(at: home.cliCache)
            let process = try await home.run(
                ["credential-process", "--profile", home.profileNames[0], "--timeout", "0.5"], timeout: .seconds(120))
            #expect(process.status != 0)
            #expect(process.stderr.contains("timed out"), "\(process)")
            #expect(process.seconds < 20, "\(process.seconds) s")

            for bad in ["0", "-1", "nan", "inf", "1e300"] {
                let rejected = try await home.run(["status", "--timeout", bad])
                #expect(rejected.status == 64, "--timeout \(bad): \(rejected)")
                #expect(!rejected.signalled)
            }
            await emulator.update { $0.stallRate = 0 }
        }
    }

    @Test("a permanent error for one role is reported for that profile alone", arguments: [false, true])
    func permanentErrors(forbidden: Bool) async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = 25
        configuration.forbiddenForUnassigned = forbidden
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            let account = try #require(emulator.portals.first?.accounts.first?.accountID)
            try home.writeConfig(
                extra: """

                    [profile ghost-role]
                    sso_session = s0
                    sso_account_id = \(account)
                    sso_role_name = NoSuchRole

                    [profile ghost-account]
                    sso_session = s1
                    sso_account_id = 999999999999
                    sso_role_name = AdministratorAccess

                    """)
            let result = try await home.run(["login", "--all", "--output", "json"], timeout: .seconds(180))
            #expect(result.status == 1, "exit 1: some profiles failed: \(result)")
            let report = try LoginReport(result)
            #expect(report.profiles.count == home.profileNames.count + 2)
            #expect(Set(report.failed.map(\.profile)) == ["ghost-role", "ghost-account"])
            let status = forbidden ? "403" : "404"
            for failure in report.failed {
                #expect(failure.errorCode == "role_not_assigned")
                #expect(failure.message?.contains("HTTP \(status)") == true, "\(failure.message ?? "")")
            }
            let stats = await emulator.stats()
            // Not retried: one refused call per ghost profile.
            let code = forbidden ? "ForbiddenException" : "ResourceNotFoundException"
            #expect(stats.errors[code] == 2, "\(stats.errors)")
        }
    }
}
