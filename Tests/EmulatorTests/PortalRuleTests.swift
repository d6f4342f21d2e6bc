import Foundation
import SSOEmulator
import Testing

@Suite("Portal rules")
struct PortalRuleTests {
    @Test("tokens of one portal are refused by another")
    func portalBinding() async throws {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        try await withEmulator(configuration) { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let (_, tokens) = try await logins.deviceLogin(startURL: emulator.portals[1].startURL)
            let foreign = emulator.portals[0].accounts[0]
            let own = emulator.portals[1].accounts[0]
            let refused = try await logins.http.portal(
                "/federation/credentials?role_name=\(foreign.roles[0])&account_id=\(foreign.accountID)",
                token: tokens.access)
            #expect(refused.status == 404 && refused.errorType == "ResourceNotFoundException")
            let accepted = try await logins.http.portal(
                "/federation/credentials?role_name=\(own.roles[0])&account_id=\(own.accountID)", token: tokens.access)
            #expect(accepted.status == 200)
            let stats = await emulator.stats()
            #expect(stats.tokensIssued == ["portal-2": 1])
            #expect(stats.roleCredentialRequests == ["portal-2/\(own.accountID)/\(own.roles[0])": 1])
        }
    }

    @Test("pagination returns every account exactly once")
    func pagination() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 57
        configuration.pageSize = 10
        try await withEmulator(configuration) { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let (_, tokens) = try await logins.deviceLogin(startURL: emulator.portals[0].startURL)
            var seen: [String] = []
            var next: String?
            repeat {
                let query = next.map { "?next_token=\($0)" } ?? ""
                let page = try await logins.http.portal("/assignment/accounts" + query, token: tokens.access)
                let list = page.json["accountList"] as? [[String: Any]] ?? []
                seen += list.compactMap { $0["accountId"] as? String }
                next = page.string("nextToken")
            } while next != nil
            #expect(seen == emulator.portals[0].accounts.map(\.accountID))
            #expect(await emulator.stats().calls["ListAccounts"] == 6)
        }
    }

    @Test("expired access tokens are refused until refreshed")
    func expiry() async throws {
        try await withEmulator { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let (client, tokens) = try await logins.deviceLogin(startURL: emulator.portals[0].startURL)
            await emulator.expireAllAccessTokens(portal: nil)
            #expect(
                try await logins.http.portal("/assignment/accounts", token: tokens.access).errorType
                    == "UnauthorizedException")
            let refreshed = try await logins.refresh(client, refreshToken: try #require(tokens.refresh))
            #expect(
                try await logins.http.portal(
                    "/assignment/accounts", token: try #require(refreshed.string("accessToken"))
                ).status == 200)
        }
    }
}
