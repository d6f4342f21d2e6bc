import AWSFormats
import Foundation
import TestSupport
import Testing

@testable import SSOCache

/// The AWS CLI's assume-role cache: file names from botocore 1.43's `AssumeRoleCredentialFetcher.
/// _create_cache_key()` (vectors computed with it), and the file layout both ways.
@Suite("Assume-role cache (botocore's key and layout)")
struct AssumeRoleCacheTests {
    static let arn = "arn:aws:iam::123456789012:role/Admin"

    @Test(
        "file names equal botocore's cache keys",
        arguments: [
            (
                AssumeRoleCacheKey(
                    roleARN: arn, sessionName: nil, externalID: nil, serialNumber: nil, durationSeconds: nil),
                "51e7b105b5040ce662656c8dc6ab4de70c4de7ad"
            ),
            (
                AssumeRoleCacheKey(
                    roleARN: arn, sessionName: "alice", externalID: nil, serialNumber: nil, durationSeconds: nil),
                "3bb32a2920a40a5690d3fe4645e7c1ededd4319d"
            ),
            (
                AssumeRoleCacheKey(
                    roleARN: arn, sessionName: nil, externalID: "ext-1", serialNumber: nil, durationSeconds: 900),
                "44ecc4367f7d07115c7583bd3bc6aa905d86b3f0"
            ),
            (
                AssumeRoleCacheKey(
                    roleARN: arn, sessionName: "s", externalID: "é/ü", serialNumber: "arn:aws:iam::1:mfa/alice",
                    durationSeconds: 3600),
                "9187b7a830f4cf3d597435451a780e82bae387c2"
            ),
        ])
    func keys(_ key: AssumeRoleCacheKey, _ expected: String) {
        #expect(key.fileName == expected + ".json", "\(key.hashInput)")
    }

    @Test("the hashed text is json.dumps(sort_keys=True) of the AssumeRole arguments")
    func hashInput() {
        let key = AssumeRoleCacheKey(
            roleARN: Self.arn, sessionName: nil, externalID: "ext-1", serialNumber: nil, durationSeconds: 900)
        #expect(
            key.hashInput
                == #"{"DurationSeconds": 900, "ExternalId": "ext-1", "RoleArn": "arn:aws:iam::123456789012:role/Admin"}"#
        )
    }

    @Test("a file written reads back, 0600, with the layout botocore's JSONFileCache gives a response")
    func roundTrip() async throws {
        try await withTemporaryDirectory { folder in
            let cache = CredentialCache(directory: folder.appendingPathComponent("cli/cache"))
            let key = AssumeRoleCacheKey(
                roleARN: Self.arn, sessionName: nil, externalID: nil, serialNumber: nil, durationSeconds: nil)
            let credentials = RoleCredentials(
                accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token",
                expiration: Date(timeIntervalSince1970: 1_796_400_000), accountID: "123456789012")
            try cache.write(
                credentials, arn: "arn:aws:sts::123456789012:assumed-role/Admin/s", roleID: "AROAX:s", for: key)
            let text = try String(contentsOf: cache.url(for: key), encoding: .utf8)
            #expect(
                text
                    == #"{"Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "secret", "SessionToken": "token", "Expiration": "2026-12-04T16:00:00+00:00"}, "AssumedRoleUser": {"AssumedRoleId": "AROAX:s", "Arn": "arn:aws:sts::123456789012:assumed-role/Admin/s"}}"#
            )
            let attributes = try FileManager.default.attributesOfItem(atPath: cache.url(for: key).path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            var read = try #require(try cache.read(key))
            #expect(read.accountID == nil)
            read.accountID = "123456789012"
            #expect(read == credentials)
        }
    }
}
