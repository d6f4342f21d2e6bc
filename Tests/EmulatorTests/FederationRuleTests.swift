import Foundation
import SSOEmulator
import Testing

/// The federation endpoint: sign-in tokens only for credentials the emulator issued and still valid,
/// `SessionDuration` rules, single-use tokens, the 302 to the destination, and portal shortcut links.
@Suite("Federation rules")
struct FederationRuleTests {
    static let destination = "https://eu-west-1.console.aws.amazon.com/s3/home?region=eu-west-1"

    /// `Session=…` (and more) as a form-encoded string.
    static func form(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1)" }.joined(
            separator: "&")
    }

    static func session(_ key: String, _ secret: String, _ token: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [
            "sessionId": key, "sessionKey": secret, "sessionToken": token,
        ])
        return String(decoding: data, as: UTF8.self)
    }

    /// Role credentials fetched from the portal after a device login, as the session JSON.
    static func roleSession(_ emulator: RunningEmulator) async throws -> (session: String, account: EmulatorAccount) {
        let logins = Logins(http: TestHTTP(baseURL: emulator.baseURL))
        let (_, tokens) = try await logins.deviceLogin(startURL: emulator.portals[0].startURL)
        let account = emulator.portals[0].accounts[1]
        let reply = try await logins.http.portal(
            "/federation/credentials?role_name=\(account.roles[0])&account_id=\(account.accountID)",
            token: tokens.access)
        let credentials = try #require(reply.json["roleCredentials"] as? [String: Any])
        let session = try Self.session(
            try #require(credentials["accessKeyId"] as? String),
            try #require(credentials["secretAccessKey"] as? String),
            try #require(credentials["sessionToken"] as? String))
        return (session, account)
    }

    @Test("getSigninToken (GET and POST) and a single-use login that redirects to the destination")
    func signInOnce() async throws {
        try await withEmulator { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let (session, account) = try await Self.roleSession(emulator)
            let viaGet = try await http.send(
                "GET", "/federation?" + Self.form([("Action", "getSigninToken"), ("Session", session)]))
            #expect(viaGet.status == 200)
            let viaPost = try await http.send(
                "POST", "/federation",
                form: Self.form([("Action", "getSigninToken"), ("Session", session), ("SessionDuration", "3600")]))
            let token = try #require(viaPost.string("SigninToken"))
            #expect(viaGet.string("SigninToken") != token)
            let loginPath =
                "/federation?"
                + Self.form([
                    ("Action", "login"), ("Issuer", "multisso"), ("Destination", Self.destination),
                    ("SigninToken", token),
                ])
            let login = try await http.send("GET", loginPath)
            #expect(login.status == 302 && login.headers["location"] == Self.destination)
            let again = try await http.send("GET", loginPath)
            #expect(again.status == 400)
            let logins = await emulator.consoleLogins()
            #expect(logins.count == 1)
            let first = try #require(logins.first)
            #expect(first.identity == "\(emulator.portals[0].name)/\(account.accountID)/\(account.roles[0])")
            #expect(first.via == "federation" && first.origin == .roleCredentials && first.sessionDuration == 3600)
            #expect(first.destination == Self.destination && first.issuer == "multisso")
            let stats = await emulator.stats()
            #expect(stats.calls["GetSigninToken"] == 2 && stats.calls["ConsoleLogin"] == 2)
            #expect(await emulator.issuedSecrets().contains(token))
        }
    }

    @Test("credentials the emulator did not issue, tampered or expired, get no sign-in token")
    func refusedCredentials() async throws {
        var configuration = EmulatorConfiguration()
        configuration.credentialTTL = .zero
        try await withEmulator(configuration) { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let account = emulator.portals[0].accounts[0]
            let expired = await emulator.issueCredentials(
                portal: emulator.portals[0].name, accountID: account.accountID, roleName: account.roles[0],
                origin: .roleCredentials)
            for session in [
                try Self.session(expired.accessKeyID, expired.secretAccessKey, expired.sessionToken),
                try Self.session("ASIAUNKNOWN", "secret", "token"),
                "not json",
            ] {
                let reply = try await http.send(
                    "GET", "/federation?" + Self.form([("Action", "getSigninToken"), ("Session", session)]))
                #expect(reply.status == 400 && reply.string("SigninToken") == nil)
            }
            #expect(try await http.send("GET", "/federation?Action=getSigninToken").status == 400)
            #expect(try await http.send("GET", "/federation?Action=nothing").status == 400)
        }
    }

    @Test("SessionDuration: 900 to 43200 seconds, refused for credentials from role chaining")
    func sessionDuration() async throws {
        try await withEmulator { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let account = emulator.portals[0].accounts[0]
            func credentials(_ origin: CredentialOrigin) async throws -> String {
                let issued = await emulator.issueCredentials(
                    portal: emulator.portals[0].name, accountID: account.accountID, roleName: account.roles[0],
                    origin: origin)
                return try Self.session(issued.accessKeyID, issued.secretAccessKey, issued.sessionToken)
            }
            func status(_ session: String, _ duration: String?) async throws -> Int {
                var pairs = [("Action", "getSigninToken"), ("Session", session)]
                if let duration { pairs.append(("SessionDuration", duration)) }
                return try await http.send("POST", "/federation", form: Self.form(pairs)).status
            }
            let sso = try await credentials(.roleCredentials)
            #expect(try await status(sso, "899") == 400)
            #expect(try await status(sso, "43201") == 400)
            #expect(try await status(sso, "12h") == 400)
            #expect(try await status(sso, "900") == 200)
            #expect(try await status(sso, "43200") == 200)
            let chained = try await credentials(.roleChaining)
            #expect(try await status(chained, "3600") == 400)
            #expect(try await status(chained, nil) == 200)
        }
    }

    @Test("an expired sign-in token signs nobody in")
    func expiredToken() async throws {
        var configuration = EmulatorConfiguration()
        configuration.signinTokenTTL = .zero
        try await withEmulator(configuration) { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let (session, _) = try await Self.roleSession(emulator)
            let reply = try await http.send(
                "GET", "/federation?" + Self.form([("Action", "getSigninToken"), ("Session", session)]))
            let token = try #require(reply.string("SigninToken"))
            let login = try await http.send(
                "GET",
                "/federation?"
                    + Self.form([("Action", "login"), ("Destination", Self.destination), ("SigninToken", token)]))
            #expect(login.status == 400)
            #expect(await emulator.consoleLogins().isEmpty)
        }
    }

    @Test("portal shortcut links sign in to assigned roles only")
    func portalShortcut() async throws {
        try await withEmulator { emulator in
            let http = TestHTTP(baseURL: emulator.baseURL)
            let account = emulator.portals[0].accounts[2]
            let assigned = try await http.send(
                "GET",
                "/start/console?"
                    + Self.form([
                        ("account_id", account.accountID), ("role_name", account.roles[1]),
                        ("destination", Self.destination),
                    ]))
            #expect(assigned.status == 302 && assigned.headers["location"] == Self.destination)
            let unassigned = try await http.send(
                "GET",
                "/start/console?"
                    + Self.form([
                        ("account_id", account.accountID), ("role_name", "NotARole"), ("destination", Self.destination),
                    ]))
            #expect(unassigned.status == 403)
            let page = try await http.send("GET", "/start/")
            #expect(page.status == 200 && String(decoding: page.body, as: UTF8.self).contains("/start/console?"))
            let console = try await http.send("GET", "/ec2/home?region=eu-north-1")
            #expect(String(decoding: console.body, as: UTF8.self).contains("Console page of ec2 in eu-north-1"))
            #expect(await emulator.stats().calls["ConsolePage"] == 1)
            let logins = await emulator.consoleLogins()
            #expect(
                logins.map(\.identity) == ["\(emulator.portals[0].name)/\(account.accountID)/\(account.roles[1])"])
            #expect(logins.first?.via == "portal")
        }
    }
}
