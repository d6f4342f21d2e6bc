import AWSFormats
import Foundation
import TestSupport
import Testing

@testable import SSOCache

@Suite("CredentialCache")
struct CredentialCacheTests {
    @Test("role credentials round-trip in botocore's layout")
    func roundTrip() async throws {
        try await withTemporaryDirectory { root in
            let cache = CredentialCache(directory: root.appendingPathComponent(".aws/cli/cache"))
            let key = RoleCredentialCacheKey(accountID: "111122223333", roleName: "Admin", sessionName: "my-sso")
            #expect(try cache.read(key) == nil)
            try cache.write(Fixtures.credentials, for: key)
            #expect(try cache.read(key) == Fixtures.credentials)
            let file = cache.directory.appendingPathComponent("360f093cdc0bddf23eecc38b9cb6222fca5a195a.json")
            #expect(
                contents(of: file)
                    == #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "SECRET-secret-key", "SessionToken": "SECRET-session-token", "Expiration": "2030-01-01T00:00:00Z", "AccountId": "111122223333"}}"#
            )
            #expect(permissions(of: file) == 0o600)
            #expect(permissions(of: cache.directory) == 0o700)
        }
    }

    @Test("credentials without AccountId (older botocore) are read")
    func withoutAccountID() async throws {
        try await withTemporaryDirectory { root in
            let cache = CredentialCache(directory: root)
            let key = RoleCredentialCacheKey(accountID: "1", roleName: "R", startURL: Fixtures.startURL)
            var credentials = Fixtures.credentials
            credentials.accountID = nil
            try cache.write(credentials, for: key)
            #expect(try cache.read(key) == credentials)
            #expect(!(contents(of: cache.url(for: key)) ?? "AccountId").contains("AccountId"))
        }
    }

    @Test("deleteAllSSOCredentials removes only files with ProviderType sso")
    func deleteAll() async throws {
        try await withTemporaryDirectory { root in
            let cache = CredentialCache(directory: root)
            for role in ["A", "B", "C"] {
                try cache.write(
                    Fixtures.credentials, for: RoleCredentialCacheKey(accountID: "1", roleName: role, sessionName: "s"))
            }
            let assumeRole = root.appendingPathComponent("assume-role.json")
            try Data(#"{"Credentials": {"AccessKeyId": "x"}}"#.utf8).write(to: assumeRole)
            let junk = root.appendingPathComponent("junk.json")
            try Data("{".utf8).write(to: junk)
            #expect(try cache.deleteAllSSOCredentials() == 3)
            #expect(FileManager.default.fileExists(atPath: assumeRole.path))
            #expect(FileManager.default.fileExists(atPath: junk.path))
            #expect(try cache.read(RoleCredentialCacheKey(accountID: "1", roleName: "A", sessionName: "s")) == nil)
        }
    }

    @Test("a missing cache folder lists as empty and deletes nothing")
    func missingFolder() throws {
        let cache = CredentialCache(directory: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)"))
        #expect(try cache.deleteAllSSOCredentials() == 0)
        #expect(try TokenCache(directory: cache.directory).allTokenFiles().isEmpty)
    }
}
