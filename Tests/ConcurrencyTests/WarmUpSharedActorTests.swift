import AWSFormats
import Foundation
import SSOConfig
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

/// A warm-up in a long-lived process (`agent --serve`, `serve`) shares the directory with other callers:
/// a role actor one of them took while the warm-up ran must stay the role's one actor, so that the
/// next caller joins its fetch instead of making a second actor that fetches again.
@Suite("Warm-up in a long-lived process: role actors another caller took stay shared")
struct WarmUpSharedActorTests {
    /// Runs `body` with a directory over one profile of a new emulator, logged in, each answer held
    /// for `hold` so that callers arriving meanwhile find the request in flight.
    private func withOneProfile(
        hold: Duration, _ body: (RunningEmulator, SessionDirectory, SSOProfile) async throws -> Void
    ) async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 1
        configuration.rolesPerAccount = 1
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory()
            let profile = try #require(try sandbox.profiles(directory).first)
            _ = try await directory.portal(for: profile).login(force: false)
            await emulator.update { $0.latency = hold }
            try await body(emulator, directory, profile)
        }
    }

    @Test("a caller that took a role's actor during a warm-up keeps sharing it: the next caller joins its fetch")
    func takenActorStays() async throws {
        try await withOneProfile(hold: .seconds(2)) { emulator, directory, profile in
            let warmUp = Task { await directory.warmUp([profile]) }
            try await emulator.waitUntil("GetRoleCredentials", count: 1)
            // A credential request to the server, while the warm-up's request is held at the emulator.
            let taken = await directory.source(for: profile)
            #expect(
                await emulator.stats().roleCredentialRequests.isEmpty,
                "the warm-up's request was answered before the caller took its actor: nothing was tested")
            let report = await warmUp.value
            #expect(report.failedCount == 0)
            #expect(await directory.sourceCount == 1, "the actor a caller took stays in the directory")

            // That caller renews through the actor it holds; the next caller asks the directory meanwhile.
            let renewal = Task { try await taken.credentials(forceRefresh: true) }
            try await emulator.waitUntil("GetRoleCredentials", count: 2)
            let next = try await directory.credentials(for: profile, forceRefresh: true)
            let renewed = try await renewal.value
            #expect(next.accessKeyID == renewed.accessKeyID, "one fetch, shared by both callers")
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 2, "single flight per role")
            #expect(await directory.source(for: profile) === taken)
        }
    }

    @Test("two warm-ups of one role at once share its actor, which is let go of once both are done")
    func overlappingWarmUps() async throws {
        try await withOneProfile(hold: .seconds(1)) { emulator, directory, profile in
            let first = Task { await directory.warmUp([profile]) }
            try await emulator.waitUntil("GetRoleCredentials", count: 1)
            let second = Task { await directory.warmUp([profile]) }
            let reports = [await first.value, await second.value]
            #expect(reports.allSatisfy { $0.failedCount == 0 })
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 1)
            #expect(await directory.sourceCount == 0, "no caller other than the warm-ups took it")
        }
    }
}
