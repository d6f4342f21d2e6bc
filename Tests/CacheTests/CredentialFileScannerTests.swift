import AWSFormats
import Foundation
import Testing

@testable import SSOCache

/// The one-pass reader of credential files against the general path (`JSONSerialization` and
/// ``CacheJSONObject``) over a corpus of plain, unusual and malformed files and their mutations: it
/// answers only where the general path gives credentials, with the same ones, and declines the rest.
@Suite("Credential file scanner")
struct CredentialFileScannerTests {
    static let plain =
        #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "ASIAEXAMPLE", "SecretAccessKey": "c2VjcmV0/+=", "#
        + #""SessionToken": "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJH", "Expiration": "2026-12-04T18:00:00Z", "#
        + #""AccountId": "111122223333"}}"#

    static let corpus: [String] = [
        plain,
        // botocore's own layout without AccountId, and with spaces and line breaks of a pretty printer.
        #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        "{\n  \"Credentials\" : {\n\t\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"SessionToken\":\"T\",\r\n\"Expiration\":\"2026-12-04T18:00:00+01:00\"}\n}\n",
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04 18:00:00.123UTC"}}"#,
        // Escapes, non-ASCII text, other value types: the general path decides.
        #"{"Credentials": {"AccessKeyId": "A\/B", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        #"{"Credentials": {"AccessKeyId": "A\u0041", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        "{\"Credentials\": {\"AccessKeyId\": \"Ä\", \"SecretAccessKey\": \"S\", \"SessionToken\": \"T\", \"Expiration\": \"2026-12-04T18:00:00Z\"}}",
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z", "AccountId": null}}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z", "AccountId": 1}}"#,
        #"{"Version": 1, "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        #"{"Extra": {"a": "b"}, "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        #"{"Credentials": {"Nested": {}, "AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        // Repeated keys: the general path keeps one of them; the scanner declines.
        #"{"Credentials": {"AccessKeyId": "A", "AccessKeyId": "B", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}, "Credentials": {}}"#,
        #"{"Credentials": "x", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        // Malformed: the general path throws.
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T"}}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00"}}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "soon"}}"#,
        #"{"Credentials": "none"}"#,
        #"{"ProviderType": "sso"}"#,
        #"[]"#, "", "{", "{}", "null", #""text""#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}} x"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"},}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z",}}"#,
        #"{"Credentials": {"AccessKeyId": "A" "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
        #"{"Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-02-30T18:00:00Z"}}"#,
        "{\"Credentials\": {\"AccessKeyId\": \"A\tB\", \"SecretAccessKey\": \"S\", \"SessionToken\": \"T\", \"Expiration\": \"2026-12-04T18:00:00Z\"}}",
        // More distinct keys than the scanner checks for repeats: the general path decides.
        "{" + (0..<70).map { "\"k\($0)\": \"v\", " }.joined()
            + #""Credentials": {"AccessKeyId": "A", "SecretAccessKey": "S", "SessionToken": "T", "Expiration": "2026-12-04T18:00:00Z"}}"#,
    ]

    /// What the general path gives: the credentials, or the error.
    static func general(_ bytes: [UInt8]) -> Result<RoleCredentials, CacheError> {
        Result { () throws(CacheError) in
            try RoleCredentials(json: CacheJSONObject(data: Data(bytes), file: "/cache/x.json"))
        }
    }

    static func scanned(_ bytes: [UInt8]) -> RoleCredentials? {
        bytes.withUnsafeBytes { CredentialFileScanner.credentials($0) }
    }

    /// The scanner's answer, when it gives one, is the general path's.
    static func check(_ bytes: [UInt8]) {
        guard let fast = scanned(bytes) else { return }
        let expected = general(bytes)
        #expect(expected == .success(fast), "\(String(decoding: bytes, as: UTF8.self))")
    }

    @Test("plain files are read by the scanner, with the general path's values")
    func plainFiles() throws {
        for text in Self.corpus.prefix(4) {
            let bytes = Array(text.utf8)
            let fast = try #require(Self.scanned(bytes), "\(text)")
            #expect(Self.general(bytes) == .success(fast))
        }
        #expect(Self.scanned(Array(Self.plain.utf8))?.accountID == "111122223333")
    }

    @Test("unusual and malformed files are left to the general path")
    func declines() {
        for text in Self.corpus.dropFirst(4) {
            let bytes = Array(text.utf8)
            if case .failure = Self.general(bytes) { #expect(Self.scanned(bytes) == nil, "\(text)") }
            Self.check(bytes)
        }
    }

    @Test("every truncation, and every byte replaced, agrees with the general path")
    func mutations() {
        let bytes = Array(Self.plain.utf8)
        for end in 0...bytes.count { Self.check(Array(bytes[..<end])) }
        let replacements: [UInt8] = [0x22, 0x5C, 0x7B, 0x7D, 0x2C, 0x3A, 0x20, 0x00, 0x41, 0xC3, 0x30]
        for index in bytes.indices {
            for replacement in replacements where bytes[index] != replacement {
                var mutated = bytes
                mutated[index] = replacement
                Self.check(mutated)
            }
        }
    }

    @Test("what multisso writes is read back by the scanner")
    func written() throws {
        let credentials = RoleCredentials(
            accessKeyID: "ASIAXYZ", secretAccessKey: "secret/+=", sessionToken: "token//==",
            expiration: Date(timeIntervalSince1970: 1_800_000_000), accountID: "123456789012")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scanner-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = CredentialCache(directory: folder)
        let key = RoleCredentialCacheKey(accountID: "123456789012", roleName: "Admin", sessionName: "corp")
        try cache.write(credentials, for: key)
        let bytes = try [UInt8](Data(contentsOf: cache.url(for: key)))
        #expect(Self.scanned(bytes) == credentials)
        #expect(try cache.read(key) == credentials)
        #expect(cache.path(for: key) == cache.url(for: key).path)
    }
}
