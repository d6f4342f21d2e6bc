import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso logout`: revokes at the portal, deletes token and SSO credential files, keeps registrations.
@Suite("CLI logout")
struct LogoutTests {
    static let emulator = ["--portals", "2", "--accounts", "2", "--roles-per-account", "2", "--auto-approve"]

    @Test("logout (all) revokes every token and deletes token and credential files")
    func logoutAll() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let registrations = sandbox.cache.files(in: sandbox.cache.ssoCache).count - sandbox.cache.tokenFiles().count
            let result = try await sandbox.multisso(["logout", "--output", "json"])
            #expect(result.status == 0, "\(result)")
            let report = try result.json(LogoutJSON.self)
            #expect(Set(report.revoked) == Set(sandbox.directory.portals.map(\.startURL)))
            #expect(report.tokensDeleted == 2 && report.credentialsDeleted == sandbox.profiles.count)
            #expect(try await sandbox.emulator.stats().count(of: "Logout") == 2)
            #expect(sandbox.cache.tokenFiles().isEmpty)
            #expect(sandbox.cache.files(in: sandbox.cache.cliCache).isEmpty)
            #expect(sandbox.cache.files(in: sandbox.cache.ssoCache).count == registrations && registrations == 2)
            let status = try await sandbox.multisso(["status", "--output", "json"]).json(StatusJSON.self)
            #expect(status.portals.allSatisfy { $0.state == "logged out" })
        }
    }

    @Test("logout with the portal unreachable deletes the files but warns that the token was not revoked")
    func logoutUnreachable() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            await sandbox.emulator.stop()
            let refusing = try RefusingPort(taking: sandbox.emulator.baseURL.port ?? 0)
            defer { withExtendedLifetime(refusing) {} }
            let result = try await sandbox.multisso(["logout", "--timeout", "2"])
            #expect(result.status == 0, "\(result)")
            #expect(result.stderr.contains("Warning:") && result.stderr.contains("could not be revoked"), "\(result)")
            for portal in sandbox.directory.portals {
                #expect(result.stderr.contains(portal.startURL), "\(result)")
            }
            #expect(sandbox.cache.tokenFiles().isEmpty)
        }
    }

    @Test("logout --sso-session leaves the other portal's token and credentials")
    func logoutOneSession() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let result = try await sandbox.multisso(["logout", "--sso-session", "portal-1", "--output", "json"])
            #expect(result.status == 0, "\(result)")
            let report = try result.json(LogoutJSON.self)
            #expect(report.revoked == [sandbox.directory.portals[0].startURL])
            #expect(
                report.tokensDeleted == 1
                    && report.credentialsDeleted == sandbox.profiles.count { $0.session == "portal-1" })
            #expect(try await sandbox.emulator.stats().count(of: "Logout") == 1)
            #expect(!FileManager.default.fileExists(atPath: sandbox.cache.tokenURL(session: "portal-1").path))
            #expect(try sandbox.cache.token(session: "portal-2").startUrl == sandbox.directory.portals[1].startURL)
            for profile in sandbox.profiles {
                let url = sandbox.cache.credentialURL(
                    accountID: profile.accountID, roleName: profile.roleName, session: profile.session)
                #expect(
                    FileManager.default.fileExists(atPath: url.path) == (profile.session == "portal-2"),
                    "\(profile.name)")
            }
        }
    }
}
