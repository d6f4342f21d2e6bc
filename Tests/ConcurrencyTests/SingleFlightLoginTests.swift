import AWSFormats
import Foundation
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

@Suite("One login per portal, however many callers")
struct SingleFlightLoginTests {
    @Test("2,000 concurrent credential requests over 10 portals: 10 logins, one GetRoleCredentials per role")
    func twoThousandCallers() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 10
        configuration.accountsPerPortal = 10
        configuration.rolesPerAccount = 2
        configuration.latency = .milliseconds(20)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            let directory = try sandbox.directory()
            let profiles = try sandbox.profiles(directory)
            #expect(profiles.count == 200)
            let failures = await withTaskGroup(of: Bool.self) { group in
                for round in 0..<10 {
                    for profile in profiles {
                        group.addTask {
                            _ = round
                            return (try? await directory.credentials(for: profile)) != nil
                        }
                    }
                }
                var failed = 0
                for await ok in group where !ok { failed += 1 }
                return failed
            }
            #expect(failures == 0)
            let stats = await emulator.stats()
            #expect(stats.tokensIssued.values.reduce(0, +) == 10)
            #expect(stats.tokensIssued.count == 10)
            #expect(stats.calls["GetRoleCredentials"] == 200)
            #expect(stats.roleCredentialRequests.count == 200)
            #expect(stats.roleCredentialRequests.values.allSatisfy { $0 == 1 })
        }
    }

    @Test("a cancelled caller stops waiting at once and leaves; the login it started goes on for the others")
    func cancelledWaiter() async throws {
        var configuration = EmulatorConfiguration()
        configuration.approveAfter = .seconds(4)
        configuration.pollInterval = 1
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: 1)
            let directory = try sandbox.directory()
            let profile = try #require(try sandbox.profiles(directory).first)
            let portal = await directory.portal(for: profile)
            // The impatient caller starts the login (its device authorization reaches the emulator), then
            // 20 others join it: 21 waiters.
            let impatient = Task { try await portal.accessToken() }
            try await emulator.waitUntil("StartDeviceAuthorization")
            let patient = (0..<20).map { _ in Task { try await portal.accessToken() } }
            // A deadline in wall time, so that a login lost with the cancelled caller fails instead of hanging.
            let watchdog = Task {
                try await Task.sleep(for: .seconds(60))
                for task in patient { task.cancel() }
            }
            defer { watchdog.cancel() }
            await portal.waitUntilWaiting(21)
            let cancelled = ContinuousClock.now
            impatient.cancel()
            await #expect(throws: CancellationError.self) { _ = try await impatient.value }
            // Promptly: long before the login could end (approval comes 4 s after it started) ...
            #expect(ContinuousClock.now - cancelled < .seconds(2))
            #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 0)
            // ... and it left: its continuation is gone, the 20 others still wait for the same login.
            await portal.waitUntilWaiting(20)
            var tokens = Set<String>()
            for task in patient { tokens.insert(try await task.value) }
            #expect(tokens.count == 1)
            // The login the cancelled caller started was neither cancelled nor started again.
            let stats = await emulator.stats()
            #expect(stats.tokensIssued.values.reduce(0, +) == 1)
            #expect(stats.calls["StartDeviceAuthorization"] == 1)
            #expect(stats.grants["device_code"] == 1)
        }
    }

    @Test("when every caller is cancelled the login stops, and the next call starts a fresh one")
    func allCancelled() async throws {
        var configuration = EmulatorConfiguration()
        configuration.autoApprove = false
        configuration.pollInterval = 1
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: 1)
            let directory = try sandbox.directory()
            let profile = try #require(try sandbox.profiles(directory).first)
            let portal = await directory.portal(for: profile)
            let callers = (0..<5).map { _ in Task { try await portal.accessToken() } }
            // Cancel once the login is under way (its device authorization reached the emulator).
            try await emulator.waitUntil("StartDeviceAuthorization")
            for caller in callers { caller.cancel() }
            for caller in callers { _ = try? await caller.value }
            let pollsAfterCancel = await emulator.stats().calls["CreateToken"] ?? 0
            // An absence: the abandoned flow, polling every second, gets 2.5 s of wall time to poll again.
            try await Task.sleep(for: .milliseconds(2500))
            // The abandoned flow stopped polling.
            #expect(await emulator.stats().calls["CreateToken"] ?? 0 <= pollsAfterCancel + 1)
            await emulator.update {
                $0.autoApprove = true
                $0.approveAfter = .zero
            }
            let token = try await portal.accessToken()
            #expect(!token.isEmpty)
            #expect(await emulator.stats().calls["StartDeviceAuthorization"] == 2)
        }
    }

    @Test("a failed attempt is not sticky: the next call tries again and succeeds")
    func failureNotSticky() async throws {
        try await Sandbox.withEmulator(EmulatorConfiguration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: 1)
            let directory = try sandbox.directory { $0.retry = RetryPolicy(maxAttempts: 1) }
            let profile = try #require(try sandbox.profiles(directory).first)
            await emulator.update { $0.failRate = 1 }
            await #expect(throws: (any Error).self) { _ = try await directory.credentials(for: profile) }
            await emulator.update { $0.failRate = 0 }
            let credentials = try await directory.credentials(for: profile)
            #expect(!credentials.accessKeyID.isEmpty)
            #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 1)
        }
    }

    @Test("two processes on one HOME: the second waits for the first one's login and reuses its token")
    func crossProcessLock() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 3
        configuration.approveAfter = .milliseconds(300)
        configuration.pollInterval = 1
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: 4)
            // Two directories share nothing in memory, exactly like two processes; only the files and locks.
            let first = try sandbox.directory()
            let second = try sandbox.directory()
            let profilesA = try sandbox.profiles(first)
            let profilesB = try sandbox.profiles(second)
            async let a = first.warmUp(profilesA)
            async let b = second.warmUp(profilesB)
            let (reportA, reportB) = await (a, b)
            #expect(reportA.allSucceeded)
            #expect(reportB.allSucceeded)
            let stats = await emulator.stats()
            #expect(stats.tokensIssued.values.reduce(0, +) == 3)
            #expect(stats.calls["StartDeviceAuthorization"] == 3)
        }
    }
}
