import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Warm-up at scale: throttling, cancellation, failures of one profile")
struct WarmUpTests {
    @Test("with the emulator limited to 20 requests/s, 300 profiles finish with zero failures")
    func throttled() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 3
        configuration.accountsPerPortal = 50
        configuration.rolesPerAccount = 2
        configuration.latency = .milliseconds(20)
        configuration.rateLimit = 20
        configuration.burst = 20
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory)
            #expect(profiles.count == 300)
            let report = await directory.warmUp(profiles)
            #expect(report.failedCount == 0)
            #expect(report.profiles.count == 300)
            let stats = await emulator.stats()
            #expect(stats.throttled > 0, "the limit must actually have been hit for this test to mean anything")
            #expect(stats.roleCredentialRequests.count == 300)
        }
    }

    @Test(
        "throttled at 20 requests/s, 400 profiles: the limiter settles below the limit (under 10% of calls throttled) without slowing down"
    )
    func settlesBelowTheLimit() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 1
        configuration.accountsPerPortal = 200
        configuration.rolesPerAccount = 2
        configuration.latency = .milliseconds(20)
        configuration.rateLimit = 20
        configuration.burst = 10
        configuration.rateLimitedOperations = ["GetRoleCredentials"]
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory)
            #expect(profiles.count == 400)
            let started = ContinuousClock.now
            let report = await directory.warmUp(profiles)
            let elapsed = ContinuousClock.now - started
            #expect(report.failedCount == 0)
            let stats = await emulator.stats()
            let calls = stats.calls["GetRoleCredentials"] ?? 0
            let throttled = stats.errors["TooManyRequestsException"] ?? 0
            #expect(throttled > 0, "the limit must actually have been hit for this test to mean anything")
            #expect(Double(throttled) < 0.1 * Double(calls), "\(throttled) of \(calls) calls throttled")
            // The bucket allows 10 at once and then 20 a second: 19.5 s at best (about 20 s before the
            // limiter paced by rate); settling at 13 requests a second would take 30 s.
            #expect(elapsed < .seconds(30), "took \(elapsed) for 400 profiles at 20 requests/s")
        }
    }

    @Test("cancelling the warm-up half way leaves every cache file valid and no temporary file")
    func cancelHalfWay() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = 100
        configuration.rolesPerAccount = 2
        configuration.latency = .milliseconds(10)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let counter = EventCounter()
            let directory = try sandbox.directory { options in
                options.limiter = AdaptiveLimiter.Configuration(initialLimit: 16, maximumLimit: 16)
                options.events = ProgressSink { event in Task { await counter.record(event) } }
            }
            let profiles = try sandbox.profiles(directory)
            let warmUp = Task { await directory.warmUp(profiles) }
            await counter.onDone(at: profiles.count / 2) { warmUp.cancel() }
            let report = await warmUp.value
            let done = report.profiles.count { $0.succeeded }
            #expect(done >= profiles.count / 2)
            #expect(done < profiles.count, "the cancellation came too late to test anything")
            #expect(report.profiles.filter { !$0.succeeded }.allSatisfy { $0.errorCode == "cancelled" })
            let problems = try sandbox.invalidCacheFiles()
            #expect(problems == [], "\(problems)")
        }
    }

    @Test("a role that is not assigned fails alone; every other profile succeeds")
    func oneBadRole() async throws {
        try await Sandbox.withEmulator(EmulatorConfiguration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let portal = try #require(emulator.portals.first)
            let account = try #require(portal.accounts.first)
            let configPath = sandbox.home.appendingPathComponent(".aws/config")
            var text = try String(contentsOf: configPath, encoding: .utf8)
            text +=
                "\n[profile ghost]\nsso_session = s0\nsso_account_id = \(account.accountID)\nsso_role_name = NoSuchRole\n"
            try Data(text.utf8).write(to: configPath)
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory) + [try directory.profile(named: "ghost")]
            let report = await directory.warmUp(profiles)
            #expect(report.failedCount == 1)
            let ghost = try #require(report.profiles.first { $0.profile == "ghost" })
            #expect(ghost.errorCode == "role_not_assigned")
            #expect(ghost.message?.contains("NoSuchRole") == true)
        }
    }
}
