import Foundation
import SSOEmulator
import Testing

@Suite("OIDC rules")
struct OIDCRuleTests {
    @Test("a used or wrong device code is refused")
    func usedOrWrongDeviceCode() async throws {
        try await withEmulator { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let client = try await logins.registerDeviceClient()
            let started = try await logins.startDevice(client, startURL: emulator.portals[0].startURL)
            let deviceCode = try #require(started.string("deviceCode"))
            #expect(try await logins.pollDevice(client, deviceCode: deviceCode).status == 200)
            let reused = try await logins.pollDevice(client, deviceCode: deviceCode)
            #expect(reused.status == 400 && reused.errorType == "InvalidGrantException")
            let wrong = try await logins.pollDevice(client, deviceCode: deviceCode + "x")
            #expect(wrong.errorType == "InvalidGrantException")
            let other = try await logins.registerDeviceClient()
            let second = try await logins.startDevice(client, startURL: emulator.portals[0].startURL)
            let stolen = try await logins.pollDevice(other, deviceCode: try #require(second.string("deviceCode")))
            #expect(stolen.errorType == "InvalidGrantException")
            #expect(await emulator.stats().grants["device_code"] == 1)
        }
    }

    @Test("manual approval: pending until approved in process, then one token")
    func manualApproval() async throws {
        var configuration = EmulatorConfiguration()
        configuration.autoApprove = false
        configuration.pollInterval = 0
        try await withEmulator(configuration) { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let client = try await logins.registerDeviceClient()
            let started = try await logins.startDevice(client, startURL: emulator.portals[0].startURL)
            let deviceCode = try #require(started.string("deviceCode"))
            let pending = try await logins.pollDevice(client, deviceCode: deviceCode)
            #expect(pending.status == 400 && pending.errorType == "AuthorizationPendingException")
            #expect(pending.string("error") == "authorization_pending")
            #expect(await emulator.approve(userCode: try #require(started.string("userCode"))))
            #expect(try await logins.pollDevice(client, deviceCode: deviceCode).status == 200)
            #expect(await emulator.approve(userCode: try #require(started.string("userCode"))) == false)
        }
    }

    @Test("PKCE: the right verifier gets a token, a wrong one fails")
    func pkceVerifier() async throws {
        try await withEmulator { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let client = try await logins.registerPKCEClient(issuer: emulator.portals[0].startURL)
            let verifier = String(repeating: "a1-._~", count: 11)
            let redirect = "http://127.0.0.1:49152/oauth/callback"
            let code = try #require(try await logins.authorize(client, verifier: verifier, redirectURI: redirect))
            let wrong = try await logins.exchange(client, code: code, redirectURI: redirect, verifier: verifier + "b")
            #expect(wrong.status == 400 && wrong.errorType == "InvalidGrantException")
            let secondCode = try #require(try await logins.authorize(client, verifier: verifier, redirectURI: redirect))
            let right = try await logins.exchange(client, code: secondCode, redirectURI: redirect, verifier: verifier)
            #expect(right.status == 200 && right.string("refreshToken") != nil)
            let again = try await logins.exchange(client, code: secondCode, redirectURI: redirect, verifier: verifier)
            #expect(again.errorType == "InvalidGrantException")
            // Presenting a code twice revokes the login it produced.
            let access = try #require(right.string("accessToken"))
            #expect(try await logins.http.portal("/assignment/accounts", token: access).status == 401)
        }
    }

    @Test("a wrong client secret is InvalidClientException with status 401")
    func wrongSecret() async throws {
        try await withEmulator { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            var client = try await logins.registerDeviceClient()
            client.secret += "x"
            let reply = try await logins.startDevice(client, startURL: emulator.portals[0].startURL)
            #expect(reply.status == 401 && reply.errorType == "InvalidClientException")
            #expect(reply.json["__type"] as? String == "com.amazonaws.sso.oidc#InvalidClientException")
        }
    }

    @Test("malformed and wrongly typed bodies are InvalidRequestException")
    func malformedBodies() async throws {
        try await withEmulator { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            for body: [String: Any] in [
                ["clientName": 1, "clientType": "public"], ["clientType": "public"],
                ["clientName": "a", "clientType": "public", "scopes": [1]],
            ] {
                let reply = try await http.post("/client/register", body)
                #expect(reply.status == 400 && reply.errorType == "InvalidRequestException")
            }
            let token = try await http.post("/token", ["clientId": true, "clientSecret": "s", "grantType": "x"])
            #expect(token.errorType == "InvalidRequestException")
        }
    }

    @Test("refresh rotates the refresh token; logout revokes access and refresh tokens")
    func refreshAndLogout() async throws {
        try await withEmulator { emulator in
            let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
            let (client, tokens) = try await logins.deviceLogin(startURL: emulator.portals[0].startURL)
            let refreshed = try await logins.refresh(client, refreshToken: try #require(tokens.refresh))
            let newRefresh = try #require(refreshed.string("refreshToken"))
            #expect(newRefresh != tokens.refresh)
            #expect(
                try await logins.refresh(client, refreshToken: try #require(tokens.refresh)).errorType
                    == "InvalidGrantException")
            let access = try #require(refreshed.string("accessToken"))
            #expect(try await logins.http.portal("/logout", token: access, method: "POST").status == 200)
            #expect(try await logins.http.portal("/assignment/accounts", token: access).status == 401)
            #expect(try await logins.http.portal("/assignment/accounts", token: tokens.access).status == 401)
            #expect(try await logins.refresh(client, refreshToken: newRefresh).errorType == "InvalidGrantException")
        }
    }
}
