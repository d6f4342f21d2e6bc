import AWSFormats
import Foundation
import TestSupport
import Testing

@testable import SSOCache

@Suite("TokenCache")
struct TokenCacheTests {
    @Test("a token round-trips and is written byte for byte as the AWS CLI v2 writes it")
    func tokenRoundTrip() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root.appendingPathComponent(".aws/sso/cache"))
            let key = TokenCacheKey.session(name: "my-sso")
            #expect(try cache.readToken(key) == nil)
            try cache.writeToken(Fixtures.token, for: key)
            #expect(try cache.readToken(key) == Fixtures.token)
            let file = cache.directory.appendingPathComponent("0ad374308c5a4e22f723adf10145eafad7c4031c.json")
            #expect(
                contents(of: file)
                    == #"{"startUrl": "https://d-123.awsapps.com/start", "region": "us-east-1", "accessToken": "SECRET-access-token", "expiresAt": "2030-01-01T00:00:00Z", "clientId": "client-id-1", "clientSecret": "SECRET-client-secret", "registrationExpiresAt": "2030-04-01T00:00:00Z", "refreshToken": "SECRET-refresh-token"}"#
            )
        }
    }

    @Test("a token with only the four original fields round-trips")
    func minimalToken() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let token = CachedToken(
                startURL: "https://x/start", region: "eu-west-1", accessToken: "a", expiresAt: Fixtures.expiry)
            try cache.writeToken(token, for: .startURL("https://x/start"))
            #expect(try cache.readToken(.startURL("https://x/start")) == token)
            #expect(
                contents(of: cache.url(for: .startURL("https://x/start")))
                    == #"{"startUrl": "https://x/start", "region": "eu-west-1", "accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z"}"#
            )
        }
    }

    @Test("a registration round-trips in the CLI's key order")
    func registrationRoundTrip() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let key = RegistrationCacheKey(
                startURL: Fixtures.startURL, region: "us-east-1", scopes: nil, sessionName: "my-sso")
            #expect(try cache.readRegistration(key) == nil)
            try cache.writeRegistration(Fixtures.registration, for: key)
            #expect(try cache.readRegistration(key) == Fixtures.registration)
            #expect(
                contents(of: root.appendingPathComponent("4a61d5c0d0268ea975225ec49ec41d69c98d0633.json"))
                    == #"{"clientId": "client-id-1", "clientSecret": "SECRET-client-secret", "expiresAt": "2030-04-01T00:00:00Z", "scopes": ["sso:account:access"], "grantTypes": ["authorization_code", "refresh_token"]}"#
            )
            let device = CachedRegistration(clientID: "c", clientSecret: "s", expiresAt: Fixtures.expiry)
            try cache.writeRegistration(device, for: key)
            #expect(try cache.readRegistration(key) == device)
        }
    }

    @Test("files are 0600 and created folders 0700, whatever the umask")
    func permissionsAreTight() async throws {
        try await withTemporaryDirectory { root in
            let directory = root.appendingPathComponent(".aws/sso/cache")
            let cache = TokenCache(directory: directory)
            try cache.writeToken(Fixtures.token, for: .session(name: "a"))
            #expect(permissions(of: cache.url(for: .session(name: "a"))) == 0o600)
            #expect(permissions(of: directory) == 0o700)
            #expect(permissions(of: root.appendingPathComponent(".aws/sso")) == 0o700)
            #expect(permissions(of: root.appendingPathComponent(".aws")) == 0o700)
        }
    }

    @Test("delete removes the token; deleting a missing token is fine")
    func delete() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            try cache.writeToken(Fixtures.token, for: .session(name: "a"))
            try cache.deleteToken(.session(name: "a"))
            #expect(try cache.readToken(.session(name: "a")) == nil)
            try cache.deleteToken(.session(name: "a"))
        }
    }

    @Test("allTokenFiles lists tokens, skipping registrations, junk and temporary files")
    func listing() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            try cache.writeToken(Fixtures.token, for: .session(name: "a"))
            try cache.writeToken(Fixtures.token, for: .startURL(Fixtures.startURL))
            try cache.writeRegistration(
                Fixtures.registration,
                for: RegistrationCacheKey(
                    startURL: Fixtures.startURL, region: "us-east-1", scopes: nil, sessionName: "a"))
            try Data("{\"accessToken\": 5}".utf8).write(to: root.appendingPathComponent("broken.json"))
            try Data("{".utf8).write(to: root.appendingPathComponent("truncated.json"))
            let files = try cache.allTokenFiles()
            #expect(
                Set(files.map(\.url.lastPathComponent))
                    == [TokenCacheKey.session(name: "a").fileName, TokenCacheKey.startURL(Fixtures.startURL).fileName])
            #expect(files.allSatisfy { $0.token == Fixtures.token })
            #expect(
                Set(try cache.tokenFileURLs().map(\.lastPathComponent))
                    == [
                        TokenCacheKey.session(name: "a").fileName, TokenCacheKey.startURL(Fixtures.startURL).fileName,
                        "broken.json",
                    ])
        }
    }

    @Test("descriptions never show secrets")
    func redaction() {
        let texts = [
            Fixtures.token.description, Fixtures.registration.description, Fixtures.credentials.description,
            String(describing: Fixtures.token), "\(Fixtures.credentials)",
        ]
        for text in texts {
            for secret in Fixtures.secrets { #expect(!text.contains(secret)) }
        }
        #expect(Fixtures.token.description.contains("client-id-1"))
    }
}
