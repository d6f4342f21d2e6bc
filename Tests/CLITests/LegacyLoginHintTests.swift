import Foundation
import SSOEmulator
import TestSupport
import Testing

/// The command multisso suggests when a login is needed must run as printed: `multisso login
/// --profile P` for a legacy profile, shell-quoted, and a start URL that is not one is refused locally.
@Suite("CLI login hints for legacy profiles")
struct LegacyLoginHintTests {
    static let emulator = ["--portals", "1", "--accounts", "1", "--roles-per-account", "1", "--auto-approve"]

    @Test("credential-process on a legacy profile suggests `multisso login --profile 'P'`, and that command works")
    func suggestionRuns() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            let name = "legacy&prod"
            try sandbox.writeConfig(
                extra: """
                    [profile \(name)]
                    sso_start_url = \(profile.startURL)
                    sso_region = \(sandbox.directory.portals[0].region)
                    sso_account_id = \(profile.accountID)
                    sso_role_name = \(profile.roleName)
                    services = emulator

                    """)
            let needed = try await sandbox.multisso(["credential-process", "--profile", name])
            #expect(needed.status == 4, "\(needed)")
            guard let match = needed.stderr.firstMatch(of: /run `([^`]+)` to log in/) else {
                Issue.record("no suggested command in: \(needed.stderr)")
                return
            }
            let suggested = String(match.output.1)
            #expect(suggested == "multisso login --profile 'legacy&prod'")
            // Run it through a shell, exactly as printed (multisso found on PATH).
            let bin = try TestBinaries.multisso().deletingLastPathComponent().path
            let ran = try await sandbox.program(
                "/bin/sh", ["-c", suggested + " --no-browser"], environment: ["PATH": "\(bin):/usr/bin:/bin"])
            #expect(ran.status == 0, "\(ran)")
            #expect(try await sandbox.multisso(["credential-process", "--profile", name]).status == 0)
        }
    }

    @Test("a malformed start URL is refused before any request (64), and failures do not repeat themselves")
    func startURLChecked() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            for url in ["not a url", "d-123.awsapps.com/start", "https://", "https://a b/start"] {
                let result = try await sandbox.multisso(["login", "--start-url", url, "--region", "us-east-1"])
                #expect(result.status == 64, "\(url): \(result)")
                #expect(result.stderr.contains("--start-url"), "\(url): \(result)")
            }
            #expect(try await sandbox.emulator.stats().calls.isEmpty)
        }
    }
}
