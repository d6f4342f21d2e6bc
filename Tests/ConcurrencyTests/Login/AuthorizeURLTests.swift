import Foundation
import SSOConfig
import Testing

@testable import SessionActors

@Suite("Authorize URL and registration requests")
struct AuthorizeURLTests {
    @Test("authorize URL is byte-exact to the AWS CLI's shape")
    func exactShape() throws {
        let endpoint = try #require(URL(string: "https://oidc.us-east-1.amazonaws.com"))
        let url = try #require(
            AuthorizeURL.build(
                oidcEndpoint: endpoint,
                clientID: "CID",
                redirectURI: AuthorizeURL.redirectURI(port: 53421),
                state: "2f0c6a8e-1111-4222-8333-444455556666",
                codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                scopes: ["sso:account:access"]))
        #expect(
            url.absoluteString
                == "https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=CID"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A53421%2Foauth%2Fcallback"
                + "&state=2f0c6a8e-1111-4222-8333-444455556666&code_challenge_method=S256"
                + "&scopes=sso%3Aaccount%3Aaccess&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test("an endpoint override keeps scheme, host and port and drops its path; scopes join with %20")
    func overrideAndScopes() throws {
        let endpoint = try #require(URL(string: "http://127.0.0.1:8080/prefix/path/"))
        let url = try #require(
            AuthorizeURL.build(
                oidcEndpoint: endpoint,
                clientID: "a b+c",
                redirectURI: "http://127.0.0.1:1/oauth/callback",
                state: "s",
                codeChallenge: "abc",
                scopes: ["sso:account:access", "codewhisperer:completions"]))
        #expect(
            url.absoluteString
                == "http://127.0.0.1:8080/authorize?response_type=code&client_id=a%20b%2Bc"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A1%2Foauth%2Fcallback&state=s&code_challenge_method=S256"
                + "&scopes=sso%3Aaccount%3Aaccess%20codewhisperer%3Acompletions&code_challenge=abc")
    }

    @Test("browser flow registration: name, default scopes, grant types, portless redirect, issuer")
    func authorizationCodeRegistration() {
        let session = SSOSessionSettings(
            name: "my-sso", startURL: "https://d-123.awsapps.com/start", region: "us-east-1",
            registrationScopes: nil, useDeviceCode: false)
        let request = AuthorizationCodeFlow.registrationRequest(for: session)
        #expect(request.name == "botocore-client-my-sso")
        #expect(request.scopes == ["sso:account:access"])
        #expect(request.grantTypes == ["authorization_code", "refresh_token"])
        #expect(request.redirectURIs == ["http://127.0.0.1/oauth/callback"])
        #expect(request.issuerURL == "https://d-123.awsapps.com/start")
        var scoped = session
        scoped.registrationScopes = ["a:b", "c:d"]
        #expect(AuthorizationCodeFlow.registrationRequest(for: scoped).scopes == ["a:b", "c:d"])
    }

    @Test("device flow registration: session name or unix seconds, scopes only when configured")
    func deviceRegistration() {
        let legacy = SSOSessionSettings(
            name: nil, startURL: "https://d-123.awsapps.com/start", region: "us-east-1",
            registrationScopes: nil, useDeviceCode: true)
        let now = Date(timeIntervalSince1970: 1_700_000_123.9)
        let request = DeviceCodeFlow.registrationRequest(for: legacy, now: now)
        #expect(request.name == "botocore-client-1700000123")
        #expect(request.scopes == nil)
        var named = legacy
        named.name = "corp"
        named.registrationScopes = ["sso:account:access"]
        let namedRequest = DeviceCodeFlow.registrationRequest(for: named, now: now)
        #expect(namedRequest.name == "botocore-client-corp")
        #expect(namedRequest.scopes == ["sso:account:access"])
    }
}
