import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso console` above 10 profiles on a terminal: it asks, and only a yes opens anything. The
/// federation endpoint comes from a `signin` sub-section of `[services]`.
@Suite("CLI console confirmation on a terminal")
struct ConsoleTerminalCLITests {
    static func config(_ emulator: RunningEmulator) -> String {
        let base = emulator.baseURL.absoluteString
        var text = "[services emu]\nsso =\n  endpoint_url = \(base)\nsso_oidc =\n  endpoint_url = \(base)\n"
        text += "signin =\n  endpoint_url = \(base)\n\n"
        let portal = emulator.portals[0]
        text += "[sso-session corp]\nsso_start_url = \(portal.startURL)\nsso_region = \(portal.region)\n"
        text += "sso_registration_scopes = sso:account:access\n"
        for account in portal.accounts {
            for role in account.roles {
                text +=
                    "\n[profile \(account.accountID)-\(role)]\nsso_session = corp\nsso_account_id = \(account.accountID)\n"
                text += "sso_role_name = \(role)\nservices = emu\n"
            }
        }
        return text
    }

    @Test("12 profiles: no opens nothing (exit 1); yes opens 12 browsers through the services section's endpoint")
    func askOnTerminal() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 6
        try await ConfigureSandbox.withEmulator(configuration) { emulator, sandbox in
            try sandbox.writeConfig(Self.config(emulator))
            let records = sandbox.home.appendingPathComponent("records", isDirectory: true)
            try FileManager.default.createDirectory(at: records, withIntermediateDirectories: true)
            let template = try ConsoleHelpers.recorder(in: records).path + " {profile} {url}"

            let declining = try ConfigureTerminal()
            let declined = try sandbox.start(["console", "--all", "--browser", template], terminal: declining)
            try await declining.waitFor("Open 12 console sessions, one browser each (y/n) [n]: ")
            declining.type("n\r")
            #expect(try await ConfigureSandbox.waitForExit(declined) == 1)
            #expect(await emulator.stats().calls.isEmpty)

            let accepting = try ConfigureTerminal()
            let accepted = try sandbox.start(["console", "--all", "--browser", template], terminal: accepting)
            try await accepting.waitFor("(y/n) [n]: ")
            accepting.type("y\r")
            #expect(try await ConfigureSandbox.waitForExit(accepted) == 0)
            #expect(await ChildRun.eventually { (try? ConsoleHelpers.recorded(in: records).count) == 12 })
            let stats = await emulator.stats()
            #expect(stats.calls["GetSigninToken"] == 12)
            for vector in try ConsoleHelpers.recorded(in: records) {
                let url = try #require(URL(string: vector.last ?? ""))
                #expect(url.absoluteString.hasPrefix(emulator.baseURL.absoluteString + "/federation?"))
                #expect(try await ConsoleHelpers.follow(url).status == 302)
            }
            #expect(Set(await emulator.consoleLogins().map(\.accountId)).count == 6)
        }
    }

    @Test("--url to a terminal warns that sign-in URLs are secrets; --via portal links need no warning")
    func warningOnTerminal() async throws {
        try await ConfigureSandbox.withEmulator { emulator, sandbox in
            try sandbox.writeConfig(Self.config(emulator))
            let account = emulator.portals[0].accounts[0]
            let profile = "\(account.accountID)-\(account.roles[0])"
            let terminal = try ConfigureTerminal()
            let process = try sandbox.start(["console", "--profile", profile, "--url"], terminal: terminal)
            try await terminal.waitFor("sign-in URLs are bearer secrets")
            try await terminal.waitFor("/federation?Action=login&")
            #expect(try await ConfigureSandbox.waitForExit(process) == 0)
            let portal = try ConfigureTerminal()
            let quiet = try sandbox.start(
                ["console", "--profile", profile, "--url", "--via", "portal"], terminal: portal)
            #expect(try await ConfigureSandbox.waitForExit(quiet) == 0)
            portal.drain()
            #expect(portal.transcript.contains("/#/console?account_id=\(account.accountID)"))
            #expect(!portal.transcript.contains("bearer secrets"))
        }
    }
}
