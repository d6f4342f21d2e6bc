import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso status` (caches only, no network) and `multisso list` (the portal's accounts and roles).
@Suite("CLI status and list")
struct StatusListTests {
    static let emulator = [
        "--portals", "2", "--accounts", "4", "--roles-per-account", "2", "--auto-approve", "--page-size", "3",
    ]

    @Test("status --output json before and after logging in to one portal, without any network call")
    func statusJSON() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let empty = try await sandbox.multisso(["status", "--output", "json"])
            #expect(empty.status == 0, "\(empty)")
            let before = try empty.json(StatusJSON.self)
            #expect(
                before.portals.count == 2 && before.portals.allSatisfy { $0.state == "logged out" && !$0.refreshable })
            #expect(before.profiles.count == sandbox.profiles.count)
            #expect(before.profiles.allSatisfy { $0.state == "none" })

            let login = try await sandbox.multisso(["login", "--sso-session", "portal-1"], browser: true)
            #expect(login.status == 0, "\(login)")
            let calls = try await sandbox.emulator.stats().calls
            let result = try await sandbox.multisso(["status", "--output", "json"])
            #expect(result.status == 0, "\(result)")
            #expect(try await sandbox.emulator.stats().calls == calls, "status called the emulator")
            let status = try result.json(StatusJSON.self)
            let byName = Dictionary(uniqueKeysWithValues: status.portals.map { ($0.portal, $0) })
            #expect(byName["portal-1"]?.state == "valid" && byName["portal-1"]?.refreshable == true)
            #expect(byName["portal-2"]?.state == "logged out")
            #expect(byName["portal-1"]?.startUrl == sandbox.directory.portals[0].startURL)
            for profile in sandbox.profiles {
                let row = status.profiles.first { $0.profile == profile.name }
                #expect(row?.accountId == profile.accountID && row?.roleName == profile.roleName)
                #expect(row?.state == (profile.session == "portal-1" ? "valid" : "none"), "\(profile.name)")
            }

            let text = try await sandbox.multisso(["status"])
            let valid = sandbox.profiles.count { $0.session == "portal-1" }
            #expect(
                text.stdout.contains("\(valid) of \(sandbox.profiles.count) profiles have valid cached credentials"),
                "\(text)")
        }
    }

    @Test("list --output json shows every account of the profile's portal with its roles, across pages")
    func listJSON() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = try #require(sandbox.profiles.last)
            #expect(try await sandbox.multisso(["login", "--profile", profile.name], browser: true).status == 0)
            let result = try await sandbox.multisso(["list", "--profile", profile.name, "--output", "json"])
            #expect(result.status == 0, "\(result)")
            let entries = try result.json([ListEntryJSON].self)
            let portal = try #require(sandbox.directory.portals.first { $0.name == profile.session })
            #expect(entries.map(\.accountId) == portal.accounts.map(\.accountID).sorted())
            for account in portal.accounts {
                let entry = entries.first { $0.accountId == account.accountID }
                #expect(entry?.accountName == account.accountName && entry?.emailAddress == account.emailAddress)
                #expect(entry?.roles == account.roles.sorted())
            }
            let accountsOnly = try await sandbox.multisso([
                "list", "--profile", profile.name, "--no-roles", "--output", "json",
            ])
            let plain = try accountsOnly.json([ListEntryJSON].self)
            #expect(plain.count == portal.accounts.count && plain.allSatisfy { $0.roles == nil })
        }
    }

    @Test("list --sso-session with endpoints from the environment")
    func listSession() async throws {
        try await CLISandbox.run(emulator: Self.emulator, endpoints: .environment) { sandbox in
            let login = try await sandbox.multisso(["login", "--sso-session", "portal-2"], browser: true)
            #expect(login.status == 0, "\(login)")
            let result = try await sandbox.multisso(["list", "--sso-session", "portal-2", "--output", "json"])
            #expect(result.status == 0, "\(result)")
            let portal = sandbox.directory.portals[1]
            #expect(
                try result.json([ListEntryJSON].self).map(\.accountId) == portal.accounts.map(\.accountID).sorted())
            let text = try await sandbox.multisso(["list", "--sso-session", "portal-2"])
            for account in portal.accounts { #expect(text.stdout.contains(account.accountID)) }
        }
    }

    @Test("list --sso-session uses the endpoints of the session's profiles ([services] sections)")
    func listSessionThroughServices() async throws {
        try await CLISandbox.run(emulator: Self.emulator, endpoints: .servicesSection) { sandbox in
            let login = try await sandbox.multisso(["login", "--sso-session", "portal-1"], browser: true)
            #expect(login.status == 0, "\(login)")
            let result = try await sandbox.multisso([
                "list", "--sso-session", "portal-1", "--no-roles", "--output", "json",
            ])
            #expect(result.status == 0, "\(result)")
            let portal = sandbox.directory.portals[0]
            #expect(
                try result.json([ListEntryJSON].self).map(\.accountId) == portal.accounts.map(\.accountID).sorted())
        }
    }
}
