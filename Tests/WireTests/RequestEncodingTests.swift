import AWSFormats
import Foundation
import Testing

@testable import SSOWire

@Suite("Request encoding")
struct RequestEncodingTests {
    @Test("RegisterClient body matches botocore's bytes for the PKCE registration")
    func registerClientBody() {
        let body = OIDCClient.registerClientBody(
            name: "botocore-client-my-sso", scopes: ["sso:account:access"],
            grantTypes: ["authorization_code", "refresh_token"], redirectURIs: ["http://127.0.0.1/oauth/callback"],
            issuerURL: "https://d-123.awsapps.com/start")
        #expect(
            body.rendered
                == #"{"clientName": "botocore-client-my-sso", "clientType": "public", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"], "redirectUris": ["http://127.0.0.1/oauth/callback"], "issuerUrl": "https://d-123.awsapps.com/start"}"#
        )
    }

    @Test("device flow RegisterClient body leaves out unset members")
    func registerClientMinimal() {
        let body = OIDCClient.registerClientBody(
            name: "botocore-client-corp", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
        #expect(body.rendered == #"{"clientName": "botocore-client-corp", "clientType": "public"}"#)
    }

    @Test("refresh CreateToken body matches botocore's member order")
    func refreshBody() {
        let body = OIDCClient.createTokenBody(clientID: "cid", clientSecret: "sec", grant: .refreshToken("rt"))
        #expect(
            body.rendered
                == #"{"grantType": "refresh_token", "clientId": "cid", "clientSecret": "sec", "refreshToken": "rt"}"#)
    }

    @Test("authorization code and device code bodies carry their fields")
    func otherGrants() {
        let code = OIDCClient.createTokenBody(
            clientID: "c", clientSecret: "s",
            grant: .authorizationCode(code: "k", redirectURI: "http://127.0.0.1:5/oauth/callback", codeVerifier: "v"))
        #expect(
            code.rendered
                == #"{"grantType": "authorization_code", "clientId": "c", "clientSecret": "s", "code": "k", "redirectUri": "http://127.0.0.1:5/oauth/callback", "codeVerifier": "v"}"#
        )
        let device = OIDCClient.createTokenBody(clientID: "c", clientSecret: "s", grant: .deviceCode("d"))
        #expect(
            device.rendered
                == #"{"grantType": "urn:ietf:params:oauth:grant-type:device_code", "clientId": "c", "clientSecret": "s", "deviceCode": "d"}"#
        )
    }

    @Test("JSON strings escape like Python's json.dumps")
    func escaping() {
        let body = JSONBody.object([.init("k", .string("a\"b\\c\nd\u{1}é😀/"))])
        #expect(body.rendered == #"{"k": "a\"b\\c\nd\u0001\u00e9\ud83d\ude00/"}"#)
    }

    @Test("query values are percent-encoded with only unreserved characters literal")
    func percentEncoding() {
        #expect(PercentEncoding.encode("n t") == "n%20t")
        #expect(PercentEncoding.encode("a:b/c~d_e.f-g") == "a%3Ab%2Fc~d_e.f-g")
        #expect(PercentEncoding.encode("é+=&") == "%C3%A9%2B%3D%26")
        #expect(
            PercentEncoding.query([("max_result", "5"), ("next_token", "n t"), ("x", nil)])
                == "max_result=5&next_token=n%20t")
    }

    @Test("default endpoints follow the partition's DNS suffix")
    func endpoints() {
        #expect(SSOEndpoints.oidc(region: "us-east-1").absoluteString == "https://oidc.us-east-1.amazonaws.com")
        #expect(SSOEndpoints.portal(region: "eu-west-1").absoluteString == "https://portal.sso.eu-west-1.amazonaws.com")
        #expect(
            SSOEndpoints.portal(region: "cn-north-1").absoluteString == "https://portal.sso.cn-north-1.amazonaws.com.cn"
        )
        #expect(!SSOEndpoints.isValidRegion("us east"))
    }

    @Test("descriptions of secret-holding values redact the secrets")
    func redaction() {
        let grant = TokenGrant(
            accessToken: "AT-XYZZY", tokenType: "Bearer", expiresIn: 3600, refreshToken: "RT-XYZZY", idToken: nil)
        let credentials = RoleCredentials(
            accessKeyID: "ASIA1", secretAccessKey: "SK-XYZZY", sessionToken: "ST-XYZZY", expiration: Date())
        let registration = ClientRegistration(
            clientID: "cid", clientSecret: "CS-XYZZY", clientIDIssuedAt: Date(), clientSecretExpiresAt: Date())
        let text = "\(grant) \(credentials) \(registration) \(GrantRequest.refreshToken("RT-XYZZY"))"
        #expect(!text.contains("XYZZY"))
    }
}
