import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `-v` output never shows a secret the emulator issued: every byte of stdout and stderr of every
/// command that does not print credentials by design is searched for every token, client secret,
/// secret key and session token found in the cache files.
@Suite("CLI secrets stay out of output")
struct SecretLeakTests {
    static func expectNoSecrets(_ runs: [RunResult], _ secrets: Set<String>) {
        for run in runs {
            for secret in secrets where run.allOutput.contains(secret) {
                Issue.record(
                    "a secret (\(secret.prefix(4))…) appears in the output of \(run.arguments.joined(separator: " "))")
            }
        }
    }

    @Test("login, refresh, status, list and logout with -v print no secret")
    func verboseLifecycle() async throws {
        let arguments = ["--portals", "2", "--accounts", "2", "--roles-per-account", "2", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            var runs: [RunResult] = []
            var secrets = Set<String>()
            runs.append(try await sandbox.multisso(["login", "--all", "-v"], browser: true))
            runs.append(try await sandbox.multisso(["login", "--all", "-v", "--output", "json"]))
            secrets.formUnion(sandbox.cache.secrets())
            // Access tokens expired at the service: list renews its token through the refresh token.
            try await sandbox.emulator.post("/_admin/expire-access-tokens", [:])
            let name = sandbox.profiles[0].name
            runs.append(try await sandbox.multisso(["list", "--profile", name, "-v"]))
            try await sandbox.emulator.post("/_admin/expire-access-tokens", [:])
            runs.append(try await sandbox.multisso(["login", "--all", "-v", "--refresh-credentials"], browser: true))
            runs.append(try await sandbox.multisso(["status", "-v"]))
            runs.append(try await sandbox.multisso(["status", "-v", "--output", "json"]))
            runs.append(try await sandbox.multisso(["list", "--profile", name, "-v", "--output", "json"]))
            runs.append(try await sandbox.multisso(["exec", "--all", "-v", "--", "/bin/echo", "{profile}"]))
            secrets.formUnion(sandbox.cache.secrets())
            runs.append(try await sandbox.multisso(["logout", "-v"]))
            for run in runs { #expect(run.status == 0, "\(run)") }
            let stats = try await sandbox.emulator.stats()
            // list refreshed portal-1's token; the next login refreshed portal-2's and portal-1's again.
            #expect(stats.grants["refresh_token"] == 3, "the refresh path did not run: \(stats.grants)")
            // 2 portals x (access, refresh, client secret) x 2 generations + 8 roles x 2 x (key, token).
            #expect(secrets.count >= 2 * 3 + 8 * 2)
            Self.expectNoSecrets(runs, secrets)
        }
    }

    @Test("device code login with -v prints no secret")
    func verboseDeviceCode() async throws {
        let arguments = ["--portals", "1", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let run = try await sandbox.multisso(["login", "--all", "-v", "--use-device-code", "--no-browser"])
            #expect(run.status == 0, "\(run)")
            let secrets = sandbox.cache.secrets()
            #expect(secrets.count >= 3 + 2 * 2)
            Self.expectNoSecrets([run], secrets)
        }
    }
}
