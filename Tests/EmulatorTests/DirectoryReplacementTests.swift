import Foundation
import SSOEmulator
import Testing

@Suite("Directory replacement at run time")
struct DirectoryReplacementTests {
    @Test("POST /_admin/directory changes the accounts and roles a logged-in token sees")
    func replaceOverHTTP() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 4
        try await withEmulator(configuration) { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let logins = Logins(http: http)
            let (_, tokens) = try await logins.deviceLogin(startURL: emulator.portals[0].startURL)
            var directory = await emulator.directory
            let removed = directory.portals[0].accounts.removeFirst()
            let kept = directory.portals[0].accounts[0]
            directory.portals[0].accounts[0].roles.append("AddedRole")
            directory.portals[0].accounts.append(
                EmulatorAccount(
                    accountID: "999999999999", accountName: "Added", emailAddress: "added@example.com",
                    roles: ["Viewer"]))
            let body = try JSONSerialization.jsonObject(with: JSONEncoder().encode(directory))
            let reply = try await http.post("/_admin/directory", try #require(body as? [String: Any]))
            #expect(reply.status == 200)

            let served = try JSONDecoder().decode(
                EmulatorDirectory.self, from: try await http.send("GET", "/_admin/directory").body)
            #expect(served == directory)
            #expect(await emulator.directory == directory)
            #expect(emulator.portals[0].accounts.first?.accountID == removed.accountID)

            let accounts = try await http.portal("/assignment/accounts", token: tokens.access)
            let ids = (accounts.json["accountList"] as? [[String: Any]] ?? []).compactMap { $0["accountId"] as? String }
            #expect(Set(ids) == Set(directory.portals[0].accounts.map(\.accountID)))
            #expect(!ids.contains(removed.accountID) && ids.contains("999999999999"))

            let roles = try await http.portal("/assignment/roles?account_id=\(kept.accountID)", token: tokens.access)
            let names = (roles.json["roleList"] as? [[String: Any]] ?? []).compactMap { $0["roleName"] as? String }
            #expect(names == kept.roles + ["AddedRole"])
            let gone = try await http.portal(
                "/federation/credentials?role_name=\(removed.roles[0])&account_id=\(removed.accountID)",
                token: tokens.access)
            #expect(gone.status == 404 && gone.errorType == "ResourceNotFoundException")
            let added = try await http.portal(
                "/federation/credentials?role_name=Viewer&account_id=999999999999", token: tokens.access)
            #expect(added.status == 200)
        }
    }

    @Test("an invalid directory is refused with 400 and the served one stays")
    func invalidReplacement() async throws {
        try await withEmulator { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let before = await emulator.directory
            var broken = before
            broken.portals[0].accounts[0].accountID = "12"
            let body = try JSONSerialization.jsonObject(with: JSONEncoder().encode(broken))
            let reply = try await http.post("/_admin/directory", try #require(body as? [String: Any]))
            #expect(reply.status == 400)
            let notADirectory = try await http.post("/_admin/directory", ["portals": "no"])
            #expect(notADirectory.status == 400)
            #expect(await emulator.directory == before)
            await #expect(throws: EmulatorError.self) { try await emulator.replaceDirectory(broken) }
            #expect(await emulator.directory == before)
        }
    }

    @Test("the in-process replacement is what the portal serves")
    func replaceInProcess() async throws {
        try await withEmulator { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let (_, tokens) = try await logins.deviceLogin(startURL: emulator.portals[0].startURL)
            var directory = await emulator.directory
            directory.portals[0].accounts = Array(directory.portals[0].accounts.prefix(1))
            try await emulator.replaceDirectory(directory)
            let accounts = try await logins.http.portal("/assignment/accounts", token: tokens.access)
            let ids = (accounts.json["accountList"] as? [[String: Any]] ?? []).compactMap { $0["accountId"] as? String }
            #expect(ids == [directory.portals[0].accounts[0].accountID])
        }
    }
}
