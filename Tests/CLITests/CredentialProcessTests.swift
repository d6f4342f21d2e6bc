import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso credential-process`: the Version 1 document from the CLI cache, a fetch when only the token
/// is cached, and a fast failure (nothing on stdout, the command to run on stderr) when a login is needed.
@Suite("CLI credential-process")
struct CredentialProcessTests {
    static let emulator = ["--portals", "1", "--accounts", "2", "--roles-per-account", "2", "--auto-approve"]

    @Test("after login it prints the cached credentials as a Version 1 document, with no network call")
    func fromCache() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let calls = try await sandbox.emulator.stats().calls
            for profile in sandbox.profiles {
                let result = try await sandbox.multisso(["credential-process", "--profile", profile.name])
                #expect(result.status == 0, "\(result)")
                let document = try result.json(ProcessDocument.self)
                let cached = try sandbox.cache.credentials(profile).Credentials
                #expect(document.Version == 1)
                #expect(
                    document.AccessKeyId == cached.AccessKeyId && document.SecretAccessKey == cached.SecretAccessKey)
                #expect(document.SessionToken == cached.SessionToken && document.Expiration == cached.Expiration)
                #expect(document.AccountId == profile.accountID)
                #expect(result.stderr.isEmpty, "\(result)")
            }
            #expect(try await sandbox.emulator.stats().calls == calls)
        }
    }

    @Test("the plain reading of the config prints what the general path prints, byte for byte")
    func plainReadingMatchesGeneralPath() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let calls = try await sandbox.emulator.stats().calls
            for profile in sandbox.profiles {
                let plain = try await sandbox.multisso(["credential-process", "--profile", profile.name])
                let byName = try await sandbox.multisso(
                    ["credential-process"], environment: ["AWS_PROFILE": profile.name])
                // A set AWS_IGNORE_CONFIGURED_ENDPOINT_URLS makes the plain reading decline.
                let general = try await sandbox.multisso(
                    ["credential-process", "--profile", profile.name],
                    environment: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"])
                #expect(plain.status == 0 && byName.status == 0 && general.status == 0, "\(plain) \(general)")
                #expect(!plain.stdout.isEmpty && plain.stdout == general.stdout && byName.stdout == general.stdout)
                #expect(plain.stderr.isEmpty && general.stderr.isEmpty)
            }
            #expect(try await sandbox.emulator.stats().calls == calls)
        }
    }

    @Test("with a token but no cached credentials it fetches them once and caches them")
    func fetchesWithToken() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[1]
            #expect(
                try await sandbox.multisso(["login", "--profile", sandbox.profiles[0].name], browser: true).status == 0)
            let before = try await sandbox.emulator.stats()
            let result = try await sandbox.multisso(["credential-process", "--profile", profile.name])
            #expect(result.status == 0, "\(result)")
            let after = try await sandbox.emulator.stats()
            #expect(after.count(of: "GetRoleCredentials") == before.count(of: "GetRoleCredentials") + 1)
            #expect(after.count(of: "CreateToken") == before.count(of: "CreateToken"))
            let document = try result.json(ProcessDocument.self)
            #expect(document.SecretAccessKey == (try sandbox.cache.credentials(profile).Credentials.SecretAccessKey))
        }
    }

    @Test("when a login is needed it fails fast: status 4, stdout empty, stderr names the command")
    func loginNeeded() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            // A $BROWSER is set on purpose: credential-process must not use it.
            let result = try await sandbox.multisso(["credential-process", "--profile", profile.name], browser: true)
            #expect(result.status == 4, "\(result)")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr.contains("multisso login --sso-session \(profile.session)"), "\(result)")
            // Fast, not waiting for a login (which would take up to 600 s); room for a loaded machine.
            #expect(result.seconds < 60)
            let stats = try await sandbox.emulator.stats()
            #expect(stats.calls.isEmpty, "credential-process called the emulator: \(stats.calls)")
            #expect(sandbox.cache.tokenFiles().isEmpty)
        }
    }
}
