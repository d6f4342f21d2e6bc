import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso login` with the authorization code flow: the built binary, a sandbox HOME, the emulator
/// process, and a `$BROWSER` script that follows the authorize redirect to multisso's loopback listener.
@Suite("CLI login (authorization code flow)")
struct LoginCommandTests {
    static let emulator = ["--portals", "2", "--accounts", "3", "--roles-per-account", "2", "--auto-approve"]

    @Test("login --all logs in once per portal through $BROWSER and caches every profile's credentials")
    func loginAll() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let result = try await sandbox.multisso(["login", "--all", "--output", "json"], browser: true)
            #expect(result.status == 0, "\(result)")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.grants["authorization_code"] == 2, "\(stats)")
            #expect(stats.count(of: "Authorize") == 2)
            #expect(stats.count(of: "StartDeviceAuthorization") == 0)
            #expect(stats.tokensIssued == ["portal-1": 1, "portal-2": 1])
            #expect(stats.totalRoleCredentials == sandbox.profiles.count)

            let report = try result.json(LoginJSON.self)
            #expect(Set(report.profiles.map(\.profile)) == Set(sandbox.profiles.map(\.name)))
            #expect(report.profiles.allSatisfy { $0.succeeded && !$0.fromCache })
            #expect(report.portals.count == 2 && report.portals.allSatisfy(\.succeeded))

            for portal in sandbox.directory.portals {
                let token = try sandbox.cache.token(session: portal.name)
                #expect(token.startUrl == portal.startURL && token.region == portal.region)
                #expect(token.refreshToken != nil && token.clientSecret != nil)
            }
            for profile in sandbox.profiles {
                let file = try sandbox.cache.credentials(profile)
                #expect(file.ProviderType == "sso")
                #expect(file.Credentials.AccountId == profile.accountID)
            }
            #expect(sandbox.cache.files(in: sandbox.cache.cliCache).count == sandbox.profiles.count)
        }
    }

    @Test("a second login --all is served from the caches: no browser, no token, no credential request")
    func secondLoginFromCache() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let first = try await sandbox.multisso(["login", "--all"], browser: true)
            #expect(first.status == 0, "\(first)")
            let before = try await sandbox.emulator.stats()
            // No $BROWSER this time: any interactive login would fall back to a flow that cannot finish.
            let second = try await sandbox.multisso(["login", "--all", "--output", "json"], timeout: .seconds(60))
            #expect(second.status == 0, "\(second)")
            let after = try await sandbox.emulator.stats()
            #expect(after.calls == before.calls, "the emulator was called again: \(before.calls) -> \(after.calls)")
            let report = try second.json(LoginJSON.self)
            #expect(report.profiles.count == sandbox.profiles.count)
            #expect(report.profiles.allSatisfy { $0.succeeded && $0.fromCache })
        }
    }

    @Test("login --force logs in again even with a valid token")
    func forceLogin() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let name = sandbox.profiles[0].name
            let first = try await sandbox.multisso(["login", "--profile", name], browser: true)
            #expect(first.status == 0, "\(first)")
            let oldToken = try sandbox.cache.token(session: sandbox.profiles[0].session)
            let forced = try await sandbox.multisso(["login", "--profile", name, "--force"], browser: true)
            #expect(forced.status == 0, "\(forced)")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.grants["authorization_code"] == 2)
            #expect(try sandbox.cache.token(session: sandbox.profiles[0].session).accessToken != oldToken.accessToken)
        }
    }

    @Test("after login, cache files are 0600 and the cache folders 0700")
    func cachePermissions() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let result = try await sandbox.multisso(["login", "--all"], browser: true)
            #expect(result.status == 0, "\(result)")
            let aws = sandbox.home.appendingPathComponent(".aws")
            for folder in ["sso", "sso/cache", "cli", "cli/cache"] {
                #expect(try CacheContents.mode(aws.appendingPathComponent(folder)) == 0o700, "~/.aws/\(folder)")
            }
            let files =
                sandbox.cache.files(in: sandbox.cache.ssoCache) + sandbox.cache.files(in: sandbox.cache.cliCache)
            // 2 tokens + 2 registrations + one credential file per profile.
            #expect(files.count == 4 + sandbox.profiles.count)
            for file in files {
                #expect(try CacheContents.mode(file) == 0o600, "\(file.lastPathComponent)")
            }
        }
    }
}
