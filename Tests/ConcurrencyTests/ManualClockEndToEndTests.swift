import AWSFormats
import Foundation
import SSOCache
import SSOConfig
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

/// The actors and the in-process emulator on one manual clock: an hour passes in microseconds, and the
/// emulator counts what the passing time cost. No test here sleeps.
@Suite("Hours on one manual clock: actors and emulator")
struct ManualClockEndToEndTests {
    /// One portal with one role, 1-hour tokens and 1-hour credentials, logged in once at the clock's start.
    private func withLoggedIn(
        _ body: (RunningEmulator, SessionDirectory, SSOProfile, ManualWallClock, RoleCredentials) async throws -> Void
    ) async throws {
        let time = ManualWallClock()
        var configuration = EmulatorConfiguration()
        configuration.tokenTTL = .seconds(3600)
        configuration.accountsPerPortal = 1
        configuration.rolesPerAccount = 1
        let now: @Sendable () -> Date = { time.now() }
        try await Sandbox.withEmulator(configuration, clock: now) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory { $0.clock = time.clock }
            let profile = try #require(try sandbox.profiles(directory).first)
            let first = try await directory.credentials(for: profile)
            await emulator.reset()
            try await body(emulator, directory, profile, time, first)
        }
    }

    private static func noLogin(_ stats: EmulatorStats) -> Bool {
        stats.calls["StartDeviceAuthorization"] == nil && stats.calls["RegisterClient"] == nil
            && stats.calls["Authorize"] == nil
    }

    @Test(
        "44 minutes: nothing; 46: the windows open, one refresh and one GetRoleCredentials; an hour more: the same again"
    )
    func hourLater() async throws {
        try await withLoggedIn { emulator, directory, profile, time, first in
            time.advance(by: .seconds(44 * 60))
            let same = try await directory.credentials(for: profile)
            #expect(same == first)
            #expect(await emulator.stats().calls.isEmpty, "outside the refresh windows: no request")

            time.advance(by: .seconds(2 * 60))  // 14 minutes left: both refresh windows are open
            let second = try await directory.credentials(for: profile)
            #expect(second.accessKeyID != first.accessKeyID)
            var stats = await emulator.stats()
            #expect(stats.grants["refresh_token"] == 1, "the token refreshed with its refresh token")
            #expect(stats.calls["GetRoleCredentials"] == 1, "the credentials rolled over")
            #expect(Self.noLogin(stats))

            time.advance(by: .seconds(3600))  // both expired an hour later (a laptop waking up)
            await emulator.reset()
            let third = try await directory.credentials(for: profile)
            #expect(third.accessKeyID != second.accessKeyID)
            #expect(third.expiration.timeIntervalSince(time.now()) > 45 * 60)
            stats = await emulator.stats()
            #expect(stats.grants["refresh_token"] == 1)
            #expect(stats.calls["GetRoleCredentials"] == 1)
            #expect(Self.noLogin(stats))
            #expect(stats.errors.isEmpty, "the expired token was never sent: \(stats.errors)")
        }
    }

    @Test("the clock jumping back a day keeps what is held: no request")
    func clockBack() async throws {
        try await withLoggedIn { emulator, directory, profile, time, first in
            time.advance(by: .seconds(-24 * 3600))
            let again = try await directory.credentials(for: profile)
            #expect(again == first)
            #expect(await emulator.stats().calls.isEmpty)
        }
    }

    /// Many callers report the same refused credentials at once (they join the one fetch), and one
    /// reports them again after it ended: every one gets the new credentials, from one fetch. The
    /// narrower interleaving (a report between the fetch's end and its waiters' resumption) is
    /// stepped through deterministically in `CredentialStateMachineTests.refusalAfterRefreshEnded`.
    @Test("one set of credentials refused by 50 callers at once costs one GetRoleCredentials", arguments: 0..<5)
    func refusedByMany(round: Int) async throws {
        try await withLoggedIn { emulator, directory, profile, _, first in
            let source = await directory.source(for: profile)
            let renewed = try await withThrowingTaskGroup(of: RoleCredentials.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await source.credentials(replacing: first.accessKeyID) }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1.accessKeyID) }
            }
            #expect(renewed.count == 1 && !renewed.contains(first.accessKeyID), "round \(round): \(renewed.count) sets")
            // A report arriving long after the fetch ended is answered from memory too.
            let late = try await source.credentials(replacing: first.accessKeyID)
            #expect(renewed.contains(late.accessKeyID))
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 1)
        }
    }
}
