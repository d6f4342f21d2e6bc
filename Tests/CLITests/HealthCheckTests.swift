import Foundation
import SSOEmulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `multisso status --check`: a health check for scripts, answered by the exit status only.
@Suite("CLI status --check")
struct HealthCheckTests {
    static let emulator = ["--portals", "2", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]

    /// Rewrites a token file: `change` edits its JSON object.
    static func editToken(_ url: URL, _ change: (inout [String: Any]) -> Void) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&object)
        try JSONSerialization.data(withJSONObject: object).write(to: url)
    }

    @Test(
        "exit 4 before a login, 0 with credentials, a valid token or a refreshable one, 4 again without a refresh token"
    )
    func readiness() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let before = try await sandbox.multisso(["status", "--check"])
            #expect(before.status == 4 && before.stdout.isEmpty && before.stderr.isEmpty, "\(before)")

            #expect(try await sandbox.multisso(["login", "--sso-session", "portal-1"], browser: true).status == 0)
            let calls = try await sandbox.emulator.stats().calls
            let portal1 = try await sandbox.multisso(["status", "--check", "--sso-session", "portal-1"])
            #expect(portal1.status == 0 && portal1.stdout.isEmpty && portal1.stderr.isEmpty, "\(portal1)")
            let all = try await sandbox.multisso(["status", "--check"])
            #expect(all.status == 4, "\(all)")
            #expect(try await sandbox.emulator.stats().calls == calls, "status --check called the emulator")

            // Without credentials, the valid token is enough.
            for url in sandbox.cache.files(in: sandbox.cache.cliCache) { try FileManager.default.removeItem(at: url) }
            let verbose = try await sandbox.multisso(["status", "--check", "--sso-session", "portal-1", "-v"])
            #expect(verbose.status == 0 && verbose.stdout.isEmpty, "\(verbose)")
            let member = try #require(sandbox.profiles.first { $0.session == "portal-1" })
            #expect(verbose.stderr.contains("\(member.name): token"), "\(verbose)")

            // An expired token with a refresh token and a live registration: no person needed.
            let tokenURL = sandbox.cache.tokenURL(session: "portal-1")
            try Self.editToken(tokenURL) { $0["expiresAt"] = "2020-01-01T00:00:00Z" }
            let refreshable = try await sandbox.multisso(["status", "--check", "--sso-session", "portal-1", "-v"])
            #expect(
                refreshable.status == 0 && refreshable.stderr.contains("\(member.name): refreshable"), "\(refreshable)")
            try Self.editToken(tokenURL) { $0["refreshToken"] = nil }
            let expired = try await sandbox.multisso(["status", "--check", "--sso-session", "portal-1", "-v"])
            #expect(expired.status == 4, "\(expired)")
            #expect(expired.stderr.contains("multisso login --sso-session portal-1"), "\(expired)")
            #expect(expired.stdout.isEmpty)
        }
    }

    @Test("exit 1 when a selected profile cannot resolve, even when the others are ready")
    func unusable() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            try sandbox.writeConfig(extra: "[profile broken]\nsso_session = portal-1\nsso_account_id = 111122223333\n")
            #expect(try await sandbox.multisso(["login", "--sso-session", "portal-1"], browser: true).status == 0)
            let result = try await sandbox.multisso([
                "status", "--check", "--sso-session", "portal-1", "--profile", "broken", "-v",
            ])
            #expect(result.status == 1, "\(result)")
            #expect(result.stderr.contains("broken: unusable") && result.stderr.contains("sso_role_name"), "\(result)")
            let unknown = try await sandbox.multisso(["status", "--check", "--profile", "nope"])
            #expect(unknown.status == 3, "\(unknown)")
        }
    }
}
