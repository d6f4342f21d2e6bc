import Foundation
import SSOEmulator
import TestSupport
import Testing

@Suite("multisso configure, interactive over a pseudo-terminal (built binary, emulator)")
struct ConfigureInteractiveCLITests {
    static let own = "# keep this comment\n[profile mine]\nregion = eu-west-1\n"
    static let down = "\u{1B}[B"
    static let up = "\u{1B}[A"

    @Test("the AWS CLI's questions, accounts and roles chosen with the arrow keys, then an update of the same profile")
    func interactive() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 3
        configuration.rolesPerAccount = 2
        try await ConfigureSandbox.withEmulator(configuration) { emulator, sandbox in
            try sandbox.writeConfig(Self.own)
            let portal = emulator.portals[0]
            let accounts = portal.accounts.sorted { $0.accountID < $1.accountID }
            let chosen = accounts[2]
            let roles = chosen.roles.sorted()
            let profile = "\(chosen.accountID)_\(roles[1])"

            let terminal = try ConfigureTerminal()
            let process = try sandbox.start(["configure"], terminal: terminal)
            try await terminal.waitFor("SSO session name: ")
            terminal.type("corp\r")
            try await terminal.waitFor("SSO start URL: ")
            terminal.type("not a url\r")
            try await terminal.waitFor("Not a valid Start URL")
            try await terminal.waitFor("SSO start URL: ")
            terminal.type("\(portal.startURL)\r")
            try await terminal.waitFor("SSO region: ")
            terminal.type("\(portal.region)\r")
            try await terminal.waitFor("SSO registration scopes [sso:account:access]: ")
            terminal.type("\r")
            // The login runs through the BROWSER script; then the accounts are listed.
            try await terminal.waitFor("There are 3 AWS accounts available to you.")
            try await terminal.waitFor(accounts[2].accountID + ")")
            terminal.type(Self.down + Self.down)
            try await terminal.waitFor("> \(accounts[2].accountName)")
            terminal.type("\r")
            try await terminal.waitFor("Using the account ID \(chosen.accountID)")
            try await terminal.waitFor("There are 2 roles available to you.")
            try await terminal.waitFor(roles[1])
            terminal.type(Self.down)
            try await terminal.waitFor("> \(roles[1])")
            terminal.type("\r")
            try await terminal.waitFor("Using the role name \"\(roles[1])\"")
            try await terminal.waitFor("Default client Region [None]: ")
            terminal.type("eu-west-1\r")
            try await terminal.waitFor("CLI default output format (json if not specified) [None]: ")
            terminal.type("\r")
            try await terminal.waitFor("Profile name [\(profile)]: ")
            terminal.type("\r")
            try await terminal.waitFor("aws sts get-caller-identity --profile \(profile)")
            let status = try await ConfigureSandbox.waitForExit(process)
            terminal.drain()
            #expect(status == 0, "\(terminal.transcript)")
            #expect(
                try sandbox.config() == Self.own + """

                    [profile \(profile)]
                    sso_session = corp
                    sso_account_id = \(chosen.accountID)
                    sso_role_name = \(roles[1])
                    region = eu-west-1

                    [sso-session corp]
                    sso_start_url = \(portal.startURL)
                    sso_region = \(portal.region)
                    sso_registration_scopes = sso:account:access

                    """)

            // Again for the same profile: the session is known (no URL questions, no new login), the
            // current account and role are preselected, and the profile is updated in place.
            let second = try ConfigureTerminal()
            let rerun = try sandbox.start(["configure", "--profile", profile], terminal: second)
            try await second.waitFor("SSO session name [corp]: ")
            second.type("\r")
            try await second.waitFor("There are 3 AWS accounts available to you.")
            try await second.waitFor("> \(chosen.accountName)")
            try await second.waitFor(accounts[2].accountID + ")")
            second.type("\r")
            try await second.waitFor("There are 2 roles available to you.")
            try await second.waitFor("> \(roles[1])")
            second.type(Self.up + "\r")
            try await second.waitFor("Using the role name \"\(roles[0])\"")
            try await second.waitFor("Default client Region [eu-west-1]: ")
            second.type("\r")
            try await second.waitFor("CLI default output format (json if not specified) [None]: ")
            second.type("json\r")
            try await second.waitFor("aws sts get-caller-identity --profile \(profile)")
            let secondStatus = try await ConfigureSandbox.waitForExit(rerun)
            second.drain()
            #expect(secondStatus == 0, "\(second.transcript)")
            #expect(!second.transcript.contains("SSO start URL"))
            #expect(
                try sandbox.config() == Self.own + """

                    [profile \(profile)]
                    sso_session = corp
                    sso_account_id = \(chosen.accountID)
                    sso_role_name = \(roles[0])
                    region = eu-west-1
                    output = json

                    [sso-session corp]
                    sso_start_url = \(portal.startURL)
                    sso_region = \(portal.region)
                    sso_registration_scopes = sso:account:access

                    """)
            #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 1)
        }
    }

    @Test("Ctrl-C in the account list ends with status 130 and writes nothing")
    func interrupt() async throws {
        try await ConfigureSandbox.withEmulator { emulator, sandbox in
            try sandbox.writeConfig(Self.own)
            let portal = emulator.portals[0]
            let terminal = try ConfigureTerminal()
            let process = try sandbox.start(["configure"], terminal: terminal)
            try await terminal.waitFor("SSO session name: ")
            terminal.type("corp\r")
            try await terminal.waitFor("SSO start URL: ")
            terminal.type("\(portal.startURL)\r")
            try await terminal.waitFor("SSO region: ")
            terminal.type("\(portal.region)\r")
            try await terminal.waitFor("SSO registration scopes [sso:account:access]: ")
            terminal.type("\r")
            try await terminal.waitFor("AWS accounts available to you.")
            try await terminal.waitFor("(↑/↓ to move")
            terminal.type(Self.down + "\u{03}")
            let status = try await ConfigureSandbox.waitForExit(process)
            terminal.drain()
            #expect(status == 130, "\(terminal.transcript)")
            #expect(try sandbox.config() == Self.own)
        }
    }
}
