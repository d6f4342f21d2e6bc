import Foundation
import SSOEmulator
import TestSupport
import Testing

/// A cached client registration the service no longer knows (InvalidClientException): both login
/// flows register a new client once and carry on, `-v` says so, and logout drops the stale file.
@Suite("CLI stale client registrations")
struct StaleRegistrationTests {
    static let emulator = ["--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve"]

    @Test("device code: after the service forgets its clients, login --force registers once more and succeeds")
    func deviceCode() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let login = ["login", "--all", "--use-device-code", "--no-browser"]
            #expect(try await sandbox.multisso(login).status == 0)
            try await sandbox.emulator.forgetClients()
            let result = try await sandbox.multisso(login + ["--force", "-v"], timeout: .seconds(60))
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("no longer knows the cached client registration"), "\(result)")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "RegisterClient") == 2, "\(stats)")
            #expect(stats.grants["device_code"] == 2, "\(stats)")
        }
    }

    @Test("browser: with a forgotten client the login registers anew before opening the browser, and does not wait")
    func browser() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            try await sandbox.emulator.forgetClients()
            let started = ContinuousClock.now
            let result = try await sandbox.multisso(
                ["login", "--all", "--force", "-v"], browser: true, timeout: .seconds(60))
            #expect(result.status == 0, "\(result)")
            #expect(ContinuousClock.now - started < .seconds(20))
            #expect(result.stderr.contains("no longer knows the cached client registration"), "\(result)")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "RegisterClient") == 2 && stats.count(of: "Authorize") == 2, "\(stats)")
            #expect(stats.grants["authorization_code"] == 2, "\(stats)")
            // A client the service knows is reused: no third registration.
            #expect(try await sandbox.multisso(["login", "--all", "--force"], browser: true).status == 0)
            #expect(try await sandbox.emulator.stats().count(of: "RegisterClient") == 2)
        }
    }

    @Test("logout deletes a registration the service no longer knows, and keeps one it knows")
    func logout() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            #expect(sandbox.cache.registrationFiles().count == 1)
            #expect(try await sandbox.multisso(["logout"]).status == 0)
            #expect(sandbox.cache.registrationFiles().count == 1, "a known registration is kept, as the AWS CLI does")
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            try await sandbox.emulator.forgetClients()
            let result = try await sandbox.multisso(["logout", "--sso-session", sandbox.profiles[0].session])
            #expect(result.status == 0, "\(result)")
            #expect(sandbox.cache.registrationFiles().isEmpty, "\(result)")
            #expect(result.stderr.contains("no longer knows"), "\(result)")
        }
    }
}
