import Crypto
import Foundation
import SSOEmulator

/// Login steps as the AWS CLI performs them, over real HTTP against the emulator.
struct Logins {
    static let deviceGrant = "urn:ietf:params:oauth:grant-type:device_code"

    struct Client {
        var id: String
        var secret: String
    }

    struct Tokens {
        var access: String
        var refresh: String?
    }

    let http: TestHTTP

    func registerDeviceClient(scopes: [String]? = ["sso:account:access"]) async throws -> Client {
        var body: [String: Any] = ["clientName": "test", "clientType": "public"]
        if let scopes { body["scopes"] = scopes }
        let reply = try await http.post("/client/register", body)
        return Client(id: reply.string("clientId") ?? "", secret: reply.string("clientSecret") ?? "")
    }

    func registerPKCEClient(issuer: String) async throws -> Client {
        let reply = try await http.post(
            "/client/register",
            [
                "clientName": "test", "clientType": "public", "scopes": ["sso:account:access"],
                "grantTypes": ["authorization_code", "refresh_token"],
                "redirectUris": ["http://127.0.0.1/oauth/callback"], "issuerUrl": issuer,
            ]
        )
        return Client(id: reply.string("clientId") ?? "", secret: reply.string("clientSecret") ?? "")
    }

    func startDevice(_ client: Client, startURL: String) async throws -> TestHTTP.Reply {
        try await http.post(
            "/device_authorization", ["clientId": client.id, "clientSecret": client.secret, "startUrl": startURL])
    }

    func pollDevice(_ client: Client, deviceCode: String) async throws -> TestHTTP.Reply {
        try await http.post(
            "/token",
            [
                "clientId": client.id, "clientSecret": client.secret, "grantType": Self.deviceGrant,
                "deviceCode": deviceCode,
            ]
        )
    }

    /// Device login on an auto-approving emulator.
    func deviceLogin(startURL: String) async throws -> (Client, Tokens) {
        let client = try await registerDeviceClient()
        let started = try await startDevice(client, startURL: startURL)
        let token = try await pollDevice(client, deviceCode: started.string("deviceCode") ?? "")
        guard token.status == 200, let access = token.string("accessToken") else {
            throw URLError(.userAuthenticationRequired)
        }
        return (client, Tokens(access: access, refresh: token.string("refreshToken")))
    }

    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `/authorize` as the CLI builds it; returns the code from the redirect.
    func authorize(_ client: Client, verifier: String, redirectURI: String) async throws -> String? {
        let encodedRedirect = redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? redirectURI
        let path =
            "/authorize?response_type=code&client_id=\(client.id)&redirect_uri=\(encodedRedirect)"
            + "&state=abc&code_challenge_method=S256&scopes=sso%3Aaccount%3Aaccess"
            + "&code_challenge=\(Self.challenge(for: verifier))"
        let reply = try await http.send("GET", path)
        guard reply.status == 302, let location = reply.headers["location"],
            let items = URLComponents(string: location)?.queryItems
        else { return nil }
        return items.first { $0.name == "code" }?.value
    }

    func exchange(_ client: Client, code: String, redirectURI: String, verifier: String) async throws -> TestHTTP.Reply
    {
        try await http.post(
            "/token",
            [
                "clientId": client.id, "clientSecret": client.secret, "grantType": "authorization_code", "code": code,
                "redirectUri": redirectURI, "codeVerifier": verifier,
            ]
        )
    }

    func refresh(_ client: Client, refreshToken: String) async throws -> TestHTTP.Reply {
        try await http.post(
            "/token",
            [
                "clientId": client.id, "clientSecret": client.secret, "grantType": "refresh_token",
                "refreshToken": refreshToken,
            ]
        )
    }
}
