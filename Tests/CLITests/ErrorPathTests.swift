import Foundation
import SSOEmulator
import TestSupport
import Testing

/// Errors the way a person meets them: no config file, an unknown profile, a malformed config
/// (status 3 and `file:line`), and the emulator gone (status 5, or a message that says so).
@Suite("CLI error paths")
struct ErrorPathTests {
    static let emulator = ["--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve"]

    @Test("no config file: status 3 naming the profile and the file, for login, export and credential-process")
    func missingConfig() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try FileManager.default.removeItem(at: sandbox.configFile)
            for command in [
                ["login", "--profile", "nowhere"], ["export", "--profile", "nowhere"],
                ["credential-process", "--profile", "nowhere"],
            ] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 3, "\(result)")
                #expect(
                    result.stderr.contains("nowhere") && result.stderr.contains(sandbox.configFile.path), "\(result)")
                #expect(result.stdout.isEmpty)
            }
            for command in [["login", "--all"], ["status"], ["exec", "--all", "--", "true"]] {
                let all = try await sandbox.multisso(command)
                #expect(all.status == 3, "\(command): \(all)")
                #expect(all.stderr.contains("\(sandbox.configFile.path) does not exist"), "\(command): \(all)")
            }
            #expect(try await sandbox.emulator.stats().calls.isEmpty)
        }
    }

    @Test("unknown profile: status 3 naming it")
    func unknownProfile() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            for command in [
                ["login", "--profile", "no-such"], ["exec", "--profile", "no-such", "--", "/bin/true"],
                ["credential-process", "--profile", "no-such"], ["list", "--profile", "no-such"],
            ] {
                let result = try await sandbox.multisso(command, browser: true)
                #expect(result.status == 3, "\(result)")
                #expect(result.stderr.contains("no-such"), "\(result)")
            }
            #expect(try await sandbox.emulator.stats().calls.isEmpty)
        }
    }

    @Test("malformed config: status 3 with file:line, for every command")
    func malformedConfig() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let lines = try String(contentsOf: sandbox.configFile, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            try sandbox.writeConfig(extra: "[profile broken]\nthis line is not a setting\n")
            let badLine = lines.count + 1
            for command in [
                ["login", "--all"], ["status"], ["list", "--profile", sandbox.profiles[0].name], ["logout"],
                ["export", "--profile", sandbox.profiles[0].name],
                ["credential-process", "--profile", sandbox.profiles[0].name],
                ["exec", "--all", "--", "/bin/true"],
            ] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 3, "\(result)")
                #expect(result.stderr.contains("\(sandbox.configFile.path):\(badLine):"), "\(result)")
            }
        }
    }

    @Test("emulator down: credential-process exits 5 and login names the failed portal")
    func emulatorDown() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            try FileManager.default.removeItem(at: sandbox.cache.cliCache)
            await sandbox.emulator.stop()
            // Hold the emulator's port, so no other test's server takes it while this one expects refusals.
            let refusing = try RefusingPort(taking: sandbox.emulator.baseURL.port ?? 0)
            defer { withExtendedLifetime(refusing) {} }
            let process = try await sandbox.multisso(["credential-process", "--profile", profile.name])
            #expect(process.status == 5, "\(process)")
            #expect(process.stdout.isEmpty)
            #expect(process.stderr.contains(profile.name) && process.stderr.contains("failed"), "\(process)")
            // Nothing cached at all: the login starts with RegisterClient, which cannot connect.
            try FileManager.default.removeItem(at: sandbox.cache.ssoCache)
            let login = try await sandbox.multisso(["login", "--all", "--timeout", "5"], browser: true)
            #expect(login.status != 0, "\(login)")
            #expect(login.stderr.contains("Login to \(profile.session) failed"), "\(login)")
            #expect(login.seconds < 60)
        }
    }

    @Test("emulator down, registration cached: the browser login stops at once naming the endpoint")
    func emulatorDownRegistrationCached() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            // Keep the client registration, lose the token: the next login goes straight to the browser,
            // and CreateToken (its first call) would come only after a redirect that can never arrive.
            try FileManager.default.removeItem(at: sandbox.cache.tokenURL(session: profile.session))
            try FileManager.default.removeItem(at: sandbox.cache.cliCache)
            let left = try FileManager.default.contentsOfDirectory(
                at: sandbox.cache.ssoCache, includingPropertiesForKeys: nil
            )
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
            #expect(
                left.contains { $0.contains("\"clientSecret\"") } && !left.contains { $0.contains("\"accessToken\"") })
            await sandbox.emulator.stop()
            // Hold the emulator's port, so no other test's server takes it while this one expects refusals.
            let refusing = try RefusingPort(taking: sandbox.emulator.baseURL.port ?? 0)
            defer { withExtendedLifetime(refusing) {} }
            let login = try await sandbox.multisso(["login", "--all", "--timeout", "5"], browser: true)
            #expect(login.status != 0, "\(login)")
            #expect(
                login.stderr.contains("cannot be reached")
                    && login.stderr.contains(
                        "\(sandbox.emulator.baseURL.host ?? "?"):\(sandbox.emulator.baseURL.port ?? 0)"),
                "\(login)")
            #expect(login.seconds < 60, "\(login)")
        }
    }
}
