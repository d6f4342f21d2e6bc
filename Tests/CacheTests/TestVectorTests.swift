import Testing

@testable import SSOCache

/// Fixed cache-key and file-name vectors (computed with Python's hashlib/json, matching botocore
/// and files written by a real AWS CLI v2).
@Suite("Cache key test vectors")
struct TestVectorTests {
    static let startURL = "https://d-123.awsapps.com/start"

    @Test("token file names: SHA-1 of the session name or the start URL")
    func tokenFileNames() {
        #expect(TokenCacheKey.session(name: "my-sso").fileName == "0ad374308c5a4e22f723adf10145eafad7c4031c.json")
        #expect(TokenCacheKey.startURL(Self.startURL).fileName == "2b829a45f04c9828cb45b7d092d8e4aa30818393.json")
    }

    @Test("the start URL is not normalised: a trailing slash changes the key")
    func startURLNotNormalised() {
        #expect(TokenCacheKey.startURL(Self.startURL + "/").hash != TokenCacheKey.startURL(Self.startURL).hash)
    }

    @Test("registration key: session with scopes")
    func registrationWithScopes() {
        let key = RegistrationCacheKey(
            startURL: Self.startURL, region: "us-east-1", scopes: ["sso:account:access"], sessionName: "my-sso")
        #expect(
            key.hashInput
                == #"{"region": "us-east-1", "scopes": ["sso:account:access"], "session_name": "my-sso", "startUrl": "https://d-123.awsapps.com/start", "tool": "botocore"}"#
        )
        #expect(key.fileName == "41703fba9789c2c8f9b7faa73b70bebb72c62cc9.json")
    }

    @Test("registration key: session without scopes")
    func registrationWithoutScopes() {
        let key = RegistrationCacheKey(startURL: Self.startURL, region: "us-east-1", scopes: nil, sessionName: "my-sso")
        #expect(
            key.hashInput
                == #"{"region": "us-east-1", "scopes": null, "session_name": "my-sso", "startUrl": "https://d-123.awsapps.com/start", "tool": "botocore"}"#
        )
        #expect(key.fileName == "4a61d5c0d0268ea975225ec49ec41d69c98d0633.json")
    }

    @Test("registration key: legacy profile")
    func registrationLegacy() {
        let key = RegistrationCacheKey(startURL: Self.startURL, region: "us-east-1", scopes: nil, sessionName: nil)
        #expect(
            key.hashInput
                == #"{"region": "us-east-1", "scopes": null, "session_name": null, "startUrl": "https://d-123.awsapps.com/start", "tool": "botocore"}"#
        )
        #expect(key.fileName == "334df8a025b4d748342a2fb4eaa316ea48c5576c.json")
    }

    @Test("role credential key: sso-session profile (compact JSON)")
    func roleCredentialSession() {
        let key = RoleCredentialCacheKey(accountID: "111122223333", roleName: "Admin", sessionName: "my-sso")
        #expect(key.hashInput == #"{"accountId":"111122223333","roleName":"Admin","sessionName":"my-sso"}"#)
        #expect(key.fileName == "360f093cdc0bddf23eecc38b9cb6222fca5a195a.json")
    }

    @Test("role credential key: legacy profile (compact JSON)")
    func roleCredentialLegacy() {
        let key = RoleCredentialCacheKey(accountID: "111122223333", roleName: "Admin", startURL: Self.startURL)
        #expect(
            key.hashInput
                == #"{"accountId":"111122223333","roleName":"Admin","startUrl":"https://d-123.awsapps.com/start"}"#)
        #expect(key.fileName == "93bde919392f1c09c75e6dfef97167e69f9f0a8a.json")
    }
}
