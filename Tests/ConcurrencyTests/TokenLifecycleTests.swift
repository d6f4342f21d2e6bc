import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Tokens that expire or are revoked mid-run")
struct TokenLifecycleTests {
    static func configuration() -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.portals = 4
        configuration.accountsPerPortal = 20
        configuration.rolesPerAccount = 2
        configuration.latency = .milliseconds(15)
        return configuration
    }

    @Test("an access token expiring mid-run is refreshed once per portal, with no new login")
    func expiryMidRun() async throws {
        try await Sandbox.withEmulator(Self.configuration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let counter = EventCounter()
            let directory = try sandbox.directory { options in
                options.limiter = AdaptiveLimiter.Configuration(initialLimit: 8, maximumLimit: 8)
                options.events = ProgressSink { event in Task { await counter.record(event) } }
            }
            let profiles = try sandbox.profiles(directory)
            await counter.onDone(at: profiles.count / 3) { await emulator.expireAllAccessTokens(portal: nil) }
            let report = await directory.warmUp(profiles)
            #expect(report.allSucceeded)
            let stats = await emulator.stats()
            #expect(stats.tokensIssued.values.reduce(0, +) == 4)
            #expect(stats.grants["refresh_token"] == 4)
            #expect(stats.calls["GetRoleCredentials"] ?? 0 > profiles.count)
        }
    }

    @Test("an UnauthorizedException storm (tokens revoked) gives one new login per portal")
    func unauthorizedStorm() async throws {
        try await Sandbox.withEmulator(Self.configuration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let counter = EventCounter()
            let directory = try sandbox.directory { options in
                options.limiter = AdaptiveLimiter.Configuration(initialLimit: 8, maximumLimit: 8)
                options.events = ProgressSink { event in Task { await counter.record(event) } }
            }
            let profiles = try sandbox.profiles(directory)
            await counter.onDone(at: profiles.count / 3) { await emulator.revokeAllTokens(portal: nil) }
            let report = await directory.warmUp(profiles)
            #expect(report.allSucceeded)
            let stats = await emulator.stats()
            #expect(stats.tokensIssued.values.reduce(0, +) == 8)
            #expect(stats.tokensIssued.values.allSatisfy { $0 == 2 })
        }
    }

    @Test("a valid cached token is reused by a new process without any login")
    func reuseAcrossProcesses() async throws {
        try await Sandbox.withEmulator(EmulatorConfiguration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let first = try sandbox.directory()
            #expect(await first.warmUp(try sandbox.profiles(first)).allSucceeded)
            let second = try sandbox.directory { $0.loginPolicy = .never }
            let report = await second.warmUp(try sandbox.profiles(second), options: WarmUpOptions(forceRefresh: true))
            #expect(report.allSucceeded)
            #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 1)
        }
    }
}
