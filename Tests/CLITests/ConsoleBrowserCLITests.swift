import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso console` opening browsers: the `--browser` template's exact argument vector (profile names
/// with shell metacharacters stay inert), the config key, `$BROWSER`, the confirmation above 10
/// profiles, and no secret in `-v` output.
@Suite("CLI console browsers")
struct ConsoleBrowserCLITests {
    static let weird = #"it's; $(touch PWNED) `touch PWNED` | & > x"#

    @Test("--browser gets exactly the expected argument vector, one browser per profile, no shell")
    func templateArguments() async throws {
        try await CLISandbox.run(emulator: ConsoleCLITests.small) { sandbox in
            let first = sandbox.profiles[0]
            try sandbox.writeConfig(
                extra: """
                    [profile "\(Self.weird)"]
                    sso_session = \(first.session)
                    sso_account_id = \(first.accountID)
                    sso_role_name = \(first.roleName)
                    region = eu-west-1
                    services = emulator

                    """)
            let records = sandbox.folder.appendingPathComponent("records", isDirectory: true)
            try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
            let recorder = try ConsoleHelpers.recorder(in: records)
            let template = "'\(recorder.path)' --user-data-dir=/tmp/ms/{profile} {account_id} {role_name} {url}"
            let names = [Self.weird, sandbox.profiles[1].name]
            let run = try await sandbox.multisso(
                ["console", "--browser", template, "-v"] + names.flatMap { ["--profile", $0] }, browser: true,
                environment: ConsoleCLITests.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            #expect(await ChildRun.eventually { (try? ConsoleHelpers.recorded(in: records).count) == 2 })
            let vectors = try ConsoleHelpers.recorded(in: records).sorted { $0[0] < $1[0] }
            let expected = [(Self.weird, first), (names[1], sandbox.profiles[1])].sorted {
                "--user-data-dir=/tmp/ms/\($0.0)" < "--user-data-dir=/tmp/ms/\($1.0)"
            }
            for (vector, (name, profile)) in zip(vectors, expected) {
                #expect(vector.count == 4)
                #expect(
                    Array(vector.prefix(3)) == ["--user-data-dir=/tmp/ms/\(name)", profile.accountID, profile.roleName])
                let url = try #require(URL(string: vector.last ?? ""))
                #expect(try await ConsoleHelpers.follow(url).status == 302)
            }
            #expect(!FileManager.default.fileExists(atPath: sandbox.folder.appendingPathComponent("PWNED").path))
            #expect(!FileManager.default.fileExists(atPath: records.appendingPathComponent("PWNED").path))
            let tokens = vectors.compactMap {
                URL(string: $0.last ?? "").flatMap { ConsoleHelpers.query($0, "SigninToken") }
            }
            #expect(tokens.count == 2)
            let secrets = sandbox.cache.secrets().union(tokens)
            for secret in secrets { #expect(!run.allOutput.contains(secret), "a secret appears in -v output") }
            #expect(!run.allOutput.contains("/federation?"), "a sign-in URL appears in -v output")
        }
    }

    @Test("multisso_console_browser in [default] or a profile is the template; $BROWSER otherwise")
    func configuredTemplate() async throws {
        try await CLISandbox.run(emulator: ConsoleCLITests.small) { sandbox in
            let records = sandbox.folder.appendingPathComponent("records", isDirectory: true)
            try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
            let recorder = try ConsoleHelpers.recorder(in: records)
            try sandbox.writeConfig(extra: "[default]\nmultisso_console_browser = \(recorder.path) config {profile}\n")
            let name = sandbox.profiles[0].name
            let run = try await sandbox.multisso(
                ["console", "--profile", name], browser: true, environment: ConsoleCLITests.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            #expect(await ChildRun.eventually { (try? ConsoleHelpers.recorded(in: records).count) == 1 })
            let vector = try #require(try ConsoleHelpers.recorded(in: records).first)
            #expect(Array(vector.prefix(2)) == ["config", name] && vector.count == 3)
            // Without the key, $BROWSER opens the sign-in URL (curl here, not following the redirect to AWS).
            try sandbox.writeConfig(extra: "")
            let opener = sandbox.folder.appendingPathComponent("open-once")
            try "#!/bin/sh\nexec curl -sS -o /dev/null --max-time 30 \"$1\"\n".write(
                to: opener, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener.path)
            let viaBrowser = try await sandbox.multisso(
                ["console", "--profile", sandbox.profiles[1].name],
                environment: ConsoleCLITests.signin(sandbox).merging(["BROWSER": opener.path + " %s"]) { $1 })
            #expect(viaBrowser.status == 0, "\(viaBrowser)")
            let identity = ConsoleCLITests.identity(sandbox, sandbox.profiles[1])
            #expect(
                await ConsoleHelpers.eventually {
                    (try? await sandbox.emulator.consoleLogins().map(\.identity).contains(identity)) ?? false
                })
            let missing = try await sandbox.multisso(
                ["console", "--profile", name, "--browser", "/nonexistent/browser {url}"],
                environment: ConsoleCLITests.signin(sandbox))
            #expect(
                missing.status == 1 && missing.stderr.contains("/nonexistent/browser could not be started"),
                "\(missing)")
            #expect(!missing.allOutput.contains("/federation?"))
        }
    }

    @Test("above 10 profiles: refused without a terminal unless --yes, before any sign-in")
    func confirmationThreshold() async throws {
        let arguments = ["--portals", "1", "--accounts", "6", "--roles-per-account", "2", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            #expect(sandbox.profiles.count == 12)
            let records = sandbox.folder.appendingPathComponent("records", isDirectory: true)
            try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
            let template = try ConsoleHelpers.recorder(in: records).path + " {url}"
            let refused = try await sandbox.multisso(
                ["console", "--all", "--browser", template], browser: true, environment: ConsoleCLITests.signin(sandbox)
            )
            #expect(refused.status == 64 && refused.stderr.contains("--yes"), "\(refused)")
            #expect(try await sandbox.emulator.stats().calls.isEmpty)
            let ten = sandbox.profiles.prefix(10).flatMap { ["--profile", $0.name] }
            let allowed = try await sandbox.multisso(
                ["console", "--browser", template] + ten, browser: true, environment: ConsoleCLITests.signin(sandbox))
            #expect(allowed.status == 0, "\(allowed)")
            let confirmed = try await sandbox.multisso(
                ["console", "--all", "--yes", "--browser", template], environment: ConsoleCLITests.signin(sandbox))
            #expect(confirmed.status == 0, "\(confirmed)")
            #expect(await ChildRun.eventually { (try? ConsoleHelpers.recorded(in: records).count) == 22 })
        }
    }
}
