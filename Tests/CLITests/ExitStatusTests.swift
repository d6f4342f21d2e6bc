import Foundation
import SSOEmulator
import TestSupport
import Testing

/// The README's exit-status table, row by row, for every command that can reach the row.
@Suite("CLI exit statuses (the README's table)")
struct ExitStatusTests {
    static let emulator = ["--portals", "1", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]

    /// A profile without SSO keys, a legacy profile and a profile whose role is not assigned.
    static func extraProfiles(_ sandbox: CLISandbox) -> String {
        let profile = sandbox.profiles[0]
        return """
            [profile plain]
            region = eu-west-1

            [profile legacy]
            sso_start_url = \(profile.startURL)
            sso_region = \(sandbox.directory.portals[0].region)
            sso_account_id = \(profile.accountID)
            sso_role_name = \(profile.roleName)
            services = emulator

            [profile unassigned]
            sso_session = \(profile.session)
            sso_account_id = \(profile.accountID)
            sso_role_name = NoSuchRole
            services = emulator

            """
    }

    func expectStatus(
        _ sandbox: CLISandbox, _ arguments: [String], _ status: Int32, browser: Bool = true,
        environment: [String: String] = [:]
    ) async throws {
        let result = try await sandbox.multisso(arguments, browser: browser, environment: environment)
        #expect(result.status == status, "\(arguments): \(result)")
    }

    @Test("0 success (login, status --check, console, export, credential-process); 1 some profiles failed, each named")
    func successAndPartial() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try sandbox.writeConfig(extra: Self.extraProfiles(sandbox))
            let good = sandbox.profiles.map(\.name)
            try await expectStatus(sandbox, ["login"] + good.flatMap { ["--profile", $0] }, 0)
            let partial = try await sandbox.multisso(
                ["login", "--profile", good[0], "--profile", "unassigned"], browser: true)
            #expect(partial.status == 1 && partial.stderr.contains("unassigned"), "\(partial)")
            try await expectStatus(sandbox, ["exec", "--profile", good[0], "--profile", "unassigned", "--", "true"], 1)
            for command in [
                ["status", "--check", "--profile", good[0]], ["console", "--profile", good[0], "--url"],
                ["export", "--profile", good[0]], ["credential-process", "--profile", good[0]],
            ] {
                try await expectStatus(sandbox, command, 0, environment: ConsoleCLITests.signin(sandbox))
            }
            try await expectStatus(
                sandbox, ["console", "--profile", good[0], "--profile", "unassigned", "--url"], 1,
                environment: ConsoleCLITests.signin(sandbox))
        }
    }

    @Test(
        "3 configuration error: a profile without SSO keys (login, exec, credential-process, export, console); serve's token file"
    )
    func configuration() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try sandbox.writeConfig(extra: Self.extraProfiles(sandbox) + "[default]\nregion = eu-west-1\n")
            for command in [
                ["login", "--profile", "plain"], ["exec", "--profile", "plain", "--", "true"], ["exec", "--", "true"],
                ["credential-process", "--profile", "plain"], ["export", "--profile", "plain"],
                ["console", "--profile", "plain", "--url"],
                ["serve", "--port", "0", "--token-file", sandbox.folder.path, "--profile", sandbox.profiles[0].name],
            ] {
                let result = try await sandbox.multisso(command, browser: true)
                #expect(result.status == 3, "\(command): \(result)")
                #expect(!result.stderr.contains("0 of 0"), "\(command): \(result)")
            }
        }
    }

    @Test(
        "4 a login is needed or failed: credential-process and status --check before login; login, exec, console, export denied"
    )
    func login() async throws {
        try await CLISandbox.run(emulator: Self.emulator + ["--deny"]) { sandbox in
            let profile = sandbox.profiles[0].name
            try await expectStatus(sandbox, ["credential-process", "--profile", profile], 4)
            try await expectStatus(sandbox, ["login", "--all"], 4)
            try await expectStatus(sandbox, ["login", "--profile", profile, "--use-device-code", "--no-browser"], 4)
            try await expectStatus(sandbox, ["exec", "--profile", profile, "--", "true"], 4)
            try await expectStatus(sandbox, ["exec", "--all", "--", "true"], 4)
            try await expectStatus(sandbox, ["status", "--check", "--profile", profile], 4)
            try await expectStatus(sandbox, ["console", "--profile", profile, "--url"], 4)
            try await expectStatus(sandbox, ["export", "--profile", profile], 4)
        }
    }

    @Test("5 an AssumeRole the emulator refuses: the same status in a warm-up as thrown")
    func assumeRoleRefused() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try sandbox.writeConfig(
                extra: """
                    [profile refused]
                    role_arn = arn:aws:iam::999999999999:role/Nope
                    source_profile = \(sandbox.profiles[0].name)
                    region = eu-west-1

                    """)
            let sts = ["AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString]
            try await expectStatus(sandbox, ["login", "--all"], 1, environment: sts)
            // Thrown by the command (one profile's credentials) and reported by a warm-up alike.
            for command in [
                ["credential-process", "--profile", "refused"], ["export", "--profile", "refused"],
                ["console", "--profile", "refused", "--url"], ["login", "--profile", "refused"],
                ["exec", "--profile", "refused", "--", "true"],
                ["exec", "--match", "refused*", "--group", "--", "true"],
            ] {
                let result = try await sandbox.multisso(command, browser: true, environment: sts)
                #expect(result.status == 5, "\(command): \(result)")
                #expect(result.stderr.contains("AccessDenied"), "\(command): \(result)")
            }
            #expect(try await sandbox.emulator.stats().calls["AssumeRole"] ?? 0 >= 6)
        }
    }

    @Test(
        "5 the service or the network failed: login, exec, credential-process, export and console with the service gone"
    )
    func service() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            try await expectStatus(sandbox, ["login", "--all"], 0)
            try FileManager.default.removeItem(at: sandbox.cache.cliCache)
            await sandbox.emulator.stop()
            let refusing = try RefusingPort(taking: sandbox.emulator.baseURL.port ?? 0)
            defer { withExtendedLifetime(refusing) {} }
            // A valid token, no credentials: GetRoleCredentials cannot connect.
            for command in [
                ["credential-process", "--profile", profile], ["exec", "--all", "--", "true"],
                ["exec", "--profile", profile, "--", "true"], ["login", "--all"],
                ["export", "--profile", profile], ["console", "--profile", profile, "--url"],
            ] {
                let result = try await sandbox.multisso(command + ["--timeout", "2"], browser: true)
                #expect(result.status == 5, "\(command): \(result)")
            }
            // Nothing cached: the login's first call cannot connect.
            try FileManager.default.removeItem(at: sandbox.cache.ssoCache)
            for command in [
                ["login", "--all"], ["login", "--profile", profile, "--use-device-code", "--no-browser"],
                ["login", "--start-url", sandbox.profiles[0].startURL, "--region", "us-east-1"],
            ] {
                let result = try await sandbox.multisso(command + ["--timeout", "2"], browser: true)
                #expect(result.status == 5, "\(command): \(result)")
                #expect(!result.stderr.contains("failed: Login for"), "\(command): \(result)")
            }
        }
    }

    @Test("6 a cache file could not be read or written: status and logout name it")
    func cache() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            try await expectStatus(sandbox, ["login", "--all"], 0)
            try Data("{\"startUrl\": \"trunc".utf8).write(to: sandbox.cache.tokenURL(session: profile.session))
            for command in [["status"], ["status", "--output", "json"]] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 6, "\(command): \(result)")
                #expect(
                    result.stderr.contains(sandbox.cache.tokenURL(session: profile.session).path),
                    "\(command): \(result)")
            }
            try FileManager.default.removeItem(at: sandbox.cache.ssoCache)
            try Data().write(to: sandbox.cache.ssoCache)
            for command in [["status"], ["logout"]] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 6, "\(command): \(result)")
                #expect(result.stderr.contains(sandbox.cache.ssoCache.path), "\(command): \(result)")
            }
        }
    }

    @Test("64 bad usage (serve on a non-loopback host too); 127 a command not found, with one profile or many")
    func usageAndNotFound() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            try await expectStatus(sandbox, ["login", "--all"], 0)
            for command in [
                ["login", "--bogus"], ["exec", "--profile", profile], ["logim", "--all"], ["help", "nonexistent"], [],
                ["status", "--timeout", "-1"], ["login", "--region", "eu-west-1"],
                ["login", "--start-url", "not a url", "--region", "x"],
                [
                    "serve", "--port", "0", "--host", "0.0.0.0", "--profile", profile,
                ],
            ] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 64, "\(command): \(result)")
            }
            try await expectStatus(sandbox, ["exec", "--profile", profile, "--", "no-such-command-multisso"], 127)
            try await expectStatus(sandbox, ["exec", "--all", "--", "no-such-command-multisso"], 127)
        }
    }

    @Test("130 / 143 interrupted by Ctrl-C / SIGTERM")
    func interrupted() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try await expectStatus(sandbox, ["login", "--all"], 0)
            for (signal, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
                let marker = sandbox.folder.appendingPathComponent("started-\(signal)")
                let exec = try sandbox.start([
                    "exec", "--all", "--", "/bin/sh", "-c", "touch \"$1\"; sleep 30", "sh", marker.path,
                ])
                let started = await ChildRun.eventually { FileManager.default.fileExists(atPath: marker.path) }
                #expect(started)
                exec.send(signal)
                let result = await exec.wait(timeout: .seconds(60))
                #expect(result.status == status, "\(result)")
            }
        }
    }
}
