import Foundation
import SSOEmulator
import TestSupport
import Testing

/// Every command, run with `-v` against the emulator through logins (both flows),
/// refreshes, re-logins, failures and logouts; its whole output searched for every secret the
/// emulator issued or received. Then the modes of every cache file and folder.
@Suite("Secrets never reach the output")
struct SecretScanTests {
    /// Role credentials may appear only on the standard output of the commands whose job is to print them.
    static let printsCredentials: Set<String> = ["export", "credential-process"]

    /// The subcommand a run started: its first argument after the program's name.
    static func command(of result: RunResult) -> String {
        result.arguments.dropFirst().first ?? ""
    }

    @Test(
        "every command with -v, success and failure paths: no issued secret in stdout or stderr; 0600 files, 0700 folders"
    )
    func everyCommandVerbose() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = 3
        configuration.rolesPerAccount = 2
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            let portal = try #require(emulator.portals.first)
            try home.writeConfig(
                extra: """

                    [profile legacy]
                    sso_start_url = \(portal.startURL)
                    sso_region = \(portal.region)
                    sso_account_id = \(portal.accounts[0].accountID)
                    sso_role_name = \(portal.accounts[0].roles[0])

                    [profile ghost]
                    sso_session = s0
                    sso_account_id = \(portal.accounts[0].accountID)
                    sso_role_name = NoSuchRole

                    """)
            let sandbox = home
            let p0 = home.profileNames[0]
            let p1 = home.profileNames[home.profileNames.count - 1]
            var steps: [(name: String, arguments: [String], before: (@Sendable () async -> Void)?)] = [
                ("login (PKCE)", ["login", "--all", "-v"], nil),
                ("login again (cached)", ["login", "--all", "-v", "--output", "json"], nil),
                ("login --force", ["login", "--sso-session", "s0", "--force", "-v"], nil),
                ("login device code", ["login", "--sso-session", "s1", "--force", "--use-device-code", "-v"], nil),
                ("login legacy", ["login", "--profile", "legacy", "-v"], nil),
                (
                    "login --start-url",
                    ["login", "--start-url", portal.startURL, "--region", portal.region, "--force", "-v"], nil
                ),
                ("status", ["status", "-v"], nil),
                ("status json", ["status", "-v", "--output", "json"], nil),
                ("list", ["list", "--sso-session", "s0", "-v"], nil),
                ("list json", ["list", "--profile", p1, "-v", "--output", "json"], nil),
                ("export", ["export", "--profile", p0, "-v"], nil),
                ("export json", ["export", "--profile", p1, "--format", "json", "-v"], nil),
                ("credential-process", ["credential-process", "--profile", p0, "-v"], nil),
                ("exec", ["exec", "--all", "-v", "--", "sh", "-c", "echo run"], nil),
                ("exec one", ["exec", "--profile", p0, "-v", "--", "true"], nil),
                (
                    "login, refresh after expiry", ["login", "--all", "-v", "--refresh-credentials"],
                    {
                        await emulator.expireAllAccessTokens(portal: nil)
                    }
                ),
                (
                    "credential-process, refresh", ["credential-process", "--profile", p1, "-v"],
                    {
                        await emulator.expireAllAccessTokens(portal: nil)
                        try? FileManager.default.removeItem(at: sandbox.cliCache)
                    }
                ),
                (
                    "credential-process after revoke", ["credential-process", "--profile", p0, "-v"],
                    {
                        await emulator.revokeAllTokens(portal: nil)
                        try? FileManager.default.removeItem(at: sandbox.cliCache)
                    }
                ),
                ("login after revoke", ["login", "--all", "-v"], nil),
                (
                    "login with 500s", ["login", "--all", "-v", "--refresh-credentials"],
                    {
                        await emulator.update { $0.failRate = 0.3 }
                    }
                ),
                ("status after", ["status", "-v"], { await emulator.update { $0.failRate = 0 } }),
                ("logout one", ["logout", "--sso-session", "s1", "-v"], nil),
                ("logout all", ["logout", "-v", "--output", "json"], nil),
                ("status logged out", ["status", "-v"], nil),
                ("export logged out", ["export", "--profile", p0, "-v"], nil),
                ("exec logged out", ["exec", "--all", "-v", "--", "true"], nil),
            ]
            steps.append(("login last", ["login", "--all", "-v"], nil))
            var results: [(String, RunResult)] = []
            for step in steps {
                await step.before?()
                let result = try await home.run(step.arguments, timeout: .seconds(120))
                results.append((step.name, result))
            }
            // The runs did real work: logins, refreshes, failures.
            #expect(results.filter { $0.1.succeeded }.count >= 15)
            #expect(results.contains { !$0.1.succeeded }, "failure paths ran too")
            let stats = await emulator.stats()
            #expect(stats.grants["authorization_code"] ?? 0 >= 3)
            #expect(stats.grants["device_code"] ?? 0 >= 2)
            #expect(stats.grants["refresh_token"] ?? 0 >= 1)

            let secrets = await emulator.issuedSecrets()
            #expect(secrets.count > 50)
            // Session tokens and 40-character secret access keys; every other secret is never printed.
            let roleSecrets = Set(secrets.filter { $0.hasPrefix("IQoJb3JpZ2luX2VjE") || $0.count == 40 })
            var scanned = 0
            for (name, result) in results {
                let command = Self.command(of: result)
                for (stream, text) in [("stderr", result.stderr), ("stdout", result.stdout)] {
                    scanned += text.utf8.count
                    for secret in secrets {
                        if stream == "stdout" && Self.printsCredentials.contains(command)
                            && roleSecrets.contains(secret)
                        {
                            continue
                        }
                        if let fragment = Self.fragments(of: secret).first(where: { text.contains($0) }) {
                            Issue.record("\(name): \(stream) contains a secret (\(fragment.prefix(6))…)")
                        }
                    }
                }
            }
            #expect(scanned > 2000)
            // The scanner itself works: the commands that print credentials do show role secrets.
            let printed = results.filter { Self.printsCredentials.contains(Self.command(of: $0.1)) && $0.1.succeeded }
            #expect(printed.count >= 3)
            for (name, result) in printed {
                #expect(
                    roleSecrets.contains { secret in Self.fragments(of: secret).contains { result.stdout.contains($0) }
                    },
                    "positive control: \(name) printed credentials the emulator issued")
            }

            for folder in [home.ssoCache, home.cliCache, home.ssoCache.deletingLastPathComponent()] {
                let mode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
                #expect(mode == 0o700, "\(folder.path): \(String(mode ?? 0, radix: 8))")
                for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                    let path = folder.appendingPathComponent(name).path
                    let attributes = try FileManager.default.attributesOfItem(atPath: path)
                    guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                    let fileMode = attributes[.posixPermissions] as? Int
                    #expect(fileMode == 0o600, "\(path): \(String(fileMode ?? 0, radix: 8))")
                }
            }
            print(
                "secret scan: \(results.count) command runs, \(secrets.count) issued secrets, \(scanned) bytes of output, 0 found"
            )
        }
    }

    /// The whole secret and 12-character pieces of its random part: a truncated or sliced secret is
    /// still a leak.
    static func fragments(of secret: String) -> [String] {
        let fixedPrefixes = ["IQoJb3JpZ2luX2VjE", "aoa", "aor"]
        var start = fixedPrefixes.first { secret.hasPrefix($0) }?.count ?? 0
        if secret.hasPrefix("eyJ"), let dot = secret.firstIndex(of: ".") {
            start = secret.distance(from: secret.startIndex, to: dot) + 1
        }
        let characters = Array(secret)
        var pieces = [secret]
        for offset in [start, start + (characters.count - start) / 2, characters.count - 12] where offset >= 0 {
            if offset + 12 <= characters.count { pieces.append(String(characters[offset..<(offset + 12)])) }
        }
        return pieces
    }
}
