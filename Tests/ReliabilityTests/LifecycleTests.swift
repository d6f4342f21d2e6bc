import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

/// Tokens that expire, are revoked, registrations that expire, logouts elsewhere, all
/// seen by separate `multisso` processes sharing one HOME.
@Suite("Token lifecycle across processes")
struct LifecycleTests {
    static func twoPortals() -> EmulatorConfiguration {
        .reliability(portals: 2, accounts: 10, latency: .milliseconds(10))
    }

    @Test(
        "an expired access token with a valid refresh token: 20 credential-process at once renew it silently, once per portal"
    )
    func expiredAccessTokenRefreshedOnce() async throws {
        try await CLIHome.withEmulator(Self.twoPortals()) { emulator, home in
            var home = home
            try home.writeConfig()
            try #require(try await home.run(["login", "--all"]).succeeded)
            await emulator.expireAllAccessTokens(portal: nil)
            try FileManager.default.removeItem(at: home.cliCache)
            await emulator.reset()
            var processes: [ChildRun] = []
            for index in 0..<20 {
                let profile = home.profileNames[(index * 3) % home.profileNames.count]
                processes.append(try home.start(["credential-process", "--profile", profile]))
            }
            var results: [RunResult] = []
            for process in processes { results.append(await process.wait()) }
            let failed = results.filter { !$0.succeeded }
            #expect(failed.isEmpty, "\(failed)")
            #expect(results.allSatisfy { $0.stderr.isEmpty }, "silently: nothing on stderr")
            let stats = await emulator.stats()
            #expect(stats.grants["refresh_token"] == 2, "one refresh per portal: \(stats.grants)")
            #expect(stats.calls["Authorize"] == nil)
            #expect(stats.calls["RegisterClient"] == nil)
        }
    }

    @Test("a revoked refresh token (InvalidGrantException): 4 concurrent `login --all` make one new login per portal")
    func revokedRefreshTokenOneNewLogin() async throws {
        try await CLIHome.withEmulator(Self.twoPortals()) { emulator, home in
            var home = home
            try home.writeConfig()
            try #require(try await home.run(["login", "--all"]).succeeded)
            await emulator.revokeAllTokens(portal: nil)
            await emulator.expireAllAccessTokens(portal: nil)
            try FileManager.default.removeItem(at: home.cliCache)

            // A credential_process hook never logs in: it fails at once and names the command.
            let hook = try await home.run(["credential-process", "--profile", home.profileNames[0]])
            #expect(hook.status == 4, "\(hook)")
            #expect(hook.stderr.contains("multisso login"), "\(hook.stderr)")

            await emulator.reset()
            let logins = try (0..<4).map { _ in try home.start(["login", "--all"]) }
            for login in logins {
                let result = await login.wait()
                #expect(result.succeeded, "\(result)")
            }
            let stats = await emulator.stats()
            #expect(
                stats.errors["InvalidGrantException"] ?? 0 >= 2, "the refresh was tried and refused: \(stats.errors)")
            #expect(stats.grants["authorization_code"] == 2, "one new login per portal: \(stats.grants)")
            #expect(stats.calls["Authorize"] == 2)
        }
    }

    @Test("an expired client registration is replaced by a new one, and the login goes on")
    func expiredRegistrationReplaced() async throws {
        var configuration = Self.twoPortals()
        configuration.registrationTTL = .seconds(3)
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            try home.writeConfig()
            try #require(try await home.run(["login", "--all"]).succeeded)
            let registrationsBefore = Self.registrationSecrets(home)
            #expect(registrationsBefore.count == 2)
            // The 3 s registration must expire for real: multisso runs as another process, on its own clock.
            try await Task.sleep(for: .seconds(4))
            // The access token expires too: the refresh is refused (expired client), so a new login
            // with a new registration follows.
            await emulator.expireAllAccessTokens(portal: nil)
            try FileManager.default.removeItem(at: home.cliCache)
            await emulator.reset()
            let result = try await home.run(["login", "--all", "--output", "json"])
            #expect(result.succeeded, "\(result)")
            let stats = await emulator.stats()
            #expect(stats.calls["RegisterClient"] == 2, "\(stats.calls)")
            #expect(stats.grants["authorization_code"] == 2)
            let registrationsAfter = Self.registrationSecrets(home)
            #expect(registrationsAfter.count == 2)
            #expect(registrationsAfter.isDisjoint(with: registrationsBefore))
        }
    }

    @Test("a logout in another process is noticed: by credential-process, status, and a long-lived process")
    func logoutElsewhereNoticed() async throws {
        try await CLIHome.withEmulator(Self.twoPortals()) { emulator, home in
            var home = home
            try home.writeConfig()
            try #require(try await home.run(["login", "--all"]).succeeded)
            // A long-lived process (a library user) that already holds the token in memory.
            let environment = AWSEnvironment.sandbox(
                home: home.home,
                variables: [
                    AWSEnvironment.Variable.endpointURLSSO: emulator.baseURL.absoluteString,
                    AWSEnvironment.Variable.endpointURLSSOOIDC: emulator.baseURL.absoluteString,
                ])
            var options = SessionOptions(
                transport: NIOHTTPTransport(timeout: .seconds(10)), presenter: SilentPresenter())
            options.loginPolicy = .never
            let directory = SessionDirectory(
                environment: environment, config: try AWSConfigFile.load(environment), options: options)
            let profile = try directory.profile(named: home.profileNames[0])
            _ = try await directory.credentials(for: profile, forceRefresh: true)

            let logout = try await home.run(["logout"])
            #expect(logout.succeeded, "\(logout)")

            let hook = try await home.run(["credential-process", "--profile", home.profileNames[0]])
            #expect(hook.status == 4, "no credentials are served after the logout: \(hook)")
            #expect(hook.stdout.isEmpty)
            let status = try await home.run(["status", "--output", "json"])
            let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
            let portals = report?["portals"] as? [[String: Any]] ?? []
            let profiles = report?["profiles"] as? [[String: Any]] ?? []
            #expect(portals.count == 2 && portals.allSatisfy { $0["state"] as? String == "logged out" }, "\(portals)")
            #expect(profiles.count == 40 && profiles.allSatisfy { $0["state"] as? String == "none" })
            await #expect(throws: SessionError.self) {
                _ = try await directory.credentials(for: profile, forceRefresh: true)
            }
        }
    }

    static func registrationSecrets(_ home: CLIHome) -> Set<String> {
        Set(
            CacheAudit.snapshot(home).values.compactMap { data in
                guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                    object["accessToken"] == nil
                else { return nil }
                return object["clientSecret"] as? String
            })
    }
}

/// A presenter that shows nothing (the long-lived process never logs in).
struct SilentPresenter: LoginPresenter {
    func present(_ prompt: LoginPrompt) async {}
}
