import ConfigureProfiles
import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SSOEmulator
import SSOWire
import SessionActors
import TestSupport
import Testing

@Suite("configure generate against the emulator")
struct ProfileGenerationEmulatorTests {
    /// A throw-away HOME whose SSO endpoints are the emulator, and a directory that logs in with the
    /// device code flow (approved by the emulator).
    struct Home: EmulatorSandbox {
        let sandboxHome: SandboxHome
        let emulator: RunningEmulator

        init(home: SandboxHome, emulator: RunningEmulator) {
            sandboxHome = home
            self.emulator = emulator
        }

        var url: URL { sandboxHome.home }

        var environment: AWSEnvironment {
            .sandbox(
                home: url,
                variables: [
                    AWSEnvironment.Variable.endpointURLSSO: emulator.baseURL.absoluteString,
                    AWSEnvironment.Variable.endpointURLSSOOIDC: emulator.baseURL.absoluteString,
                ])
        }

        func directory() throws -> SessionDirectory {
            var options = SessionOptions(
                transport: NIOHTTPTransport(timeout: .seconds(30)), presenter: SilentPresenter())
            options.useDeviceCode = true
            options.noBrowser = true
            return SessionDirectory(
                environment: environment, config: try AWSConfigFile.load(environment), options: options)
        }

        func generate(_ generator: ProfileGenerator, startURL: String? = nil, region: String? = nil) async throws
            -> ProfileGeneration.Outcome
        {
            let outcome = try await ProfileGeneration(
                directory: try directory(), generator: generator, startURL: startURL, region: region
            ).run()
            var config = try AWSConfigFile.load(environment)
            config.document = outcome.after
            try config.save()
            return outcome
        }
    }

    struct SilentPresenter: LoginPresenter {
        func present(_ prompt: LoginPrompt) async {}
    }

    @Test("300 accounts: create the session and every profile, then follow changed assignments with prune")
    func hundredsOfAccounts() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 300
        configuration.rolesPerAccount = 2
        configuration.pageSize = 100
        configuration.pollInterval = 0
        try await Home.withEmulator(configuration) { emulator, home in
            let own = "# mine\n[profile keep-me]\nregion = eu-west-1\n"
            try Data(own.utf8).write(to: home.environment.configFile)
            let portal = emulator.portals[0]
            let generator = ProfileGenerator(session: "corp", region: "eu-west-1", prune: true)

            let first = try await home.generate(generator, startURL: portal.startURL, region: portal.region)
            let assignments = portal.accounts.reduce(0) { $0 + $1.roles.count }
            #expect(first.createdSession && first.accountCount == 300 && first.plan.additions.count == assignments)
            var config = try AWSConfigFile.load(home.environment)
            #expect(String(decoding: config.document.data, as: UTF8.self).hasPrefix(own))
            #expect(config.ssoSessionNames == ["corp"] && config.profileNames.count == assignments + 1)
            for addition in first.plan.additions.prefix(20) {
                let profile = try config.ssoProfile(named: addition.profile)
                let account = try #require(portal.accounts.first { $0.accountID == profile.accountID })
                #expect(account.roles.contains(profile.roleName) && profile.session.startURL == portal.startURL)
            }

            // Nothing changed on the portal: nothing to do.
            #expect(try await home.generate(generator).plan.isEmpty)

            // Assignments change: ten accounts go, one arrives, one account loses a role.
            var directory = await emulator.directory
            let gone = directory.portals[0].accounts.prefix(10)
            directory.portals[0].accounts.removeFirst(10)
            let lostRole = directory.portals[0].accounts[0].roles.removeLast()
            directory.portals[0].accounts.append(
                EmulatorAccount(
                    accountID: "999999999999", accountName: "New Account", emailAddress: "new@example.com",
                    roles: ["Admin"]))
            try await emulator.replaceDirectory(directory)

            let second = try await home.generate(generator)
            #expect(second.plan.additions.map(\.profile) == ["New-Account-Admin"])
            #expect(second.plan.removals.count == gone.reduce(0) { $0 + $1.roles.count } + 1)
            #expect(
                second.plan.removals.contains {
                    $0.roleName == lostRole && $0.accountID == directory.portals[0].accounts[0].accountID
                })
            config = try AWSConfigFile.load(home.environment)
            #expect(config.profileNames.count == directory.portals[0].accounts.reduce(0) { $0 + $1.roles.count } + 1)
            #expect(config.profileNames.contains("keep-me"))
            #expect(try await home.generate(generator).plan.isEmpty)
        }
    }

    @Test("an unknown session without a start URL, or a conflicting one, is refused before any login")
    func sessionErrors() async throws {
        try await Home.withEmulator { emulator, home in
            try Data(
                "[sso-session corp]\nsso_start_url = \(emulator.portals[0].startURL)\nsso_region = us-east-1\n".utf8
            )
            .write(to: home.environment.configFile)
            await #expect(
                throws: ConfigureError.ssoSessionMissing(session: "nope", file: home.environment.configFile.path)
            ) {
                try await home.generate(ProfileGenerator(session: "nope"))
            }
            await #expect {
                try await home.generate(
                    ProfileGenerator(session: "corp"), startURL: "https://other.example.com/start", region: "us-east-1")
            } throws: { error in
                (error as? ConfigureError)?.code == "sso-session-conflict"
            }
            #expect(await emulator.stats().calls.isEmpty)
        }
    }
}
