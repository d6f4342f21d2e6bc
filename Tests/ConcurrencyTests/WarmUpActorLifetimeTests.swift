import AWSFormats
import Foundation
import SSOConfig
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Warm-up memory: the role actors it makes are let go of once their profiles are done")
struct WarmUpActorLifetimeTests {
    /// Runs `body` with a directory over 40 profiles (2 portals, 10 accounts, 2 roles) of a new emulator.
    private func withProfiles(
        latency: Duration = .zero, _ body: (RunningEmulator, SessionDirectory, [SSOProfile]) async throws -> Void
    ) async throws {
        var configuration = EmulatorConfiguration()
        configuration.latency = latency
        configuration.portals = 2
        configuration.accountsPerPortal = 10
        configuration.rolesPerAccount = 2
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory()
            try await body(emulator, directory, try sandbox.profiles(directory))
        }
    }

    @Test("after a warm-up the directory holds no role actor; the next call answers from the file, without a request")
    func actorsLetGo() async throws {
        try await withProfiles { emulator, directory, profiles in
            #expect(profiles.count == 40)
            let report = await directory.warmUp(profiles, options: WarmUpOptions(maxConcurrentProfiles: 8))
            #expect(report.failedCount == 0)
            #expect(report.profiles.map(\.profile) == profiles.map(\.name), "one outcome per profile, in order")
            #expect(await directory.sourceCount == 0)
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 40)

            let again = try await directory.credentials(for: profiles[7])
            let warmed = try #require(report.profiles.first { $0.profile == profiles[7].name })
            let expiration = try #require(warmed.expiration)
            #expect(abs(again.expiration.timeIntervalSince(expiration)) < 1, "the cache file keeps whole seconds")
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 40, "the new actor read the cache file")
            #expect(await directory.sourceCount == 1, "an actor asked for outside a warm-up stays")
        }
    }

    @Test("with keepsRoleActors (exec), every role's actor stays with its credentials in memory")
    func actorsKept() async throws {
        try await withProfiles { emulator, directory, profiles in
            let report = await directory.warmUp(profiles, options: WarmUpOptions(keepsRoleActors: true))
            #expect(report.failedCount == 0)
            #expect(await directory.sourceCount == 40)
            let warmed = await directory.warmedCredentials(for: profiles.map { .sso($0) })
            #expect(warmed.allSatisfy { $0.credentials != nil })
            #expect(await directory.sourceCount == 40)
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 40)
        }
    }

    @Test("an actor that existed before the warm-up is the one it uses, and it stays")
    func existingActorKept() async throws {
        try await withProfiles { emulator, directory, profiles in
            let existing = await directory.source(for: profiles[3])
            let report = await directory.warmUp(profiles)
            #expect(report.failedCount == 0)
            #expect(await directory.sourceCount == 1)
            #expect(await directory.source(for: profiles[3]) === existing)
            #expect(await existing.cachedCredentials() != nil)
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 40)
        }
    }

    @Test("at most maxConcurrentRoles roles are fetched at once, however wide the limiter's window")
    func roleWindow() async throws {
        try await withProfiles(latency: .milliseconds(20)) { emulator, directory, profiles in
            let report = await directory.warmUp(profiles, options: WarmUpOptions(maxConcurrentRoles: 3))
            #expect(report.failedCount == 0)
            let stats = await emulator.stats()
            #expect(stats.calls["GetRoleCredentials"] == 40)
            #expect(stats.maxInFlight <= 3, "the limiter alone would allow 16")
            #expect(await directory.sourceCount == 0)
        }
    }
}
