import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

@testable import SSOCache

/// Every kind of broken cache file gives a typed error that names the file, shows no secret, and leaves
/// the disk exactly as it was.
@Suite("Malformed cache files")
struct MalformedCacheTests {
    static let key = TokenCacheKey.session(name: "corp")

    /// (name, token file content, expected error builder from the file path)
    static let tokenCorpus: [(String, String, @Sendable (String) -> CacheError)] = [
        (
            "truncated", #"{"startUrl": "https://x", "accessToken": "SECRET-access-token", "expi"#,
            { .invalidJSON(file: $0) }
        ),
        ("empty", "", { .invalidJSON(file: $0) }),
        ("not an object", #"["SECRET-access-token"]"#, { .notAnObject(file: $0) }),
        (
            "missing accessToken", #"{"startUrl": "u", "region": "r", "expiresAt": "2030-01-01T00:00:00Z"}"#,
            { .missingField(file: $0, field: "accessToken") }
        ),
        (
            "missing expiresAt", #"{"startUrl": "u", "region": "r", "accessToken": "SECRET-access-token"}"#,
            { .missingField(file: $0, field: "expiresAt") }
        ),
        (
            "null accessToken",
            #"{"startUrl": "u", "region": "r", "accessToken": null, "expiresAt": "2030-01-01T00:00:00Z"}"#,
            { .missingField(file: $0, field: "accessToken") }
        ),
        (
            "numeric accessToken",
            #"{"startUrl": "u", "region": "r", "accessToken": 12345, "expiresAt": "2030-01-01T00:00:00Z"}"#,
            { .wrongType(file: $0, field: "accessToken", expected: "a string") }
        ),
        (
            "boolean region",
            #"{"startUrl": "u", "region": true, "accessToken": "SECRET-access-token", "expiresAt": "2030-01-01T00:00:00Z"}"#,
            { .wrongType(file: $0, field: "region", expected: "a string") }
        ),
        (
            "numeric expiresAt", #"{"startUrl": "u", "region": "r", "accessToken": "a", "expiresAt": 1893456000}"#,
            { .wrongType(file: $0, field: "expiresAt", expected: "a string") }
        ),
        (
            "object refreshToken",
            #"{"startUrl": "u", "region": "r", "accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z", "refreshToken": {}}"#,
            { .wrongType(file: $0, field: "refreshToken", expected: "a string") }
        ),
        (
            "expiresAt without zone",
            #"{"startUrl": "u", "region": "r", "accessToken": "a", "expiresAt": "2030-01-01T00:00:00"}"#,
            { .invalidTimestamp(file: $0, field: "expiresAt", value: "2030-01-01T00:00:00") }
        ),
        (
            "garbage registrationExpiresAt",
            #"{"startUrl": "u", "region": "r", "accessToken": "a", "expiresAt": "2030-01-01T00:00:00Z", "registrationExpiresAt": "SECRET-client-secret"}"#,
            { .invalidTimestamp(file: $0, field: "registrationExpiresAt", value: "SECRET-client-secret") }
        ),
    ]

    @Test("malformed token files", arguments: 0..<tokenCorpus.count)
    func malformedToken(index: Int) async throws {
        let (name, content, expected) = Self.tokenCorpus[index]
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let file = cache.url(for: Self.key)
            try Data(content.utf8).write(to: file)
            let before = try snapshot(root)
            let error = #expect(throws: CacheError.self, "\(name)") { try cache.readToken(Self.key) }
            #expect(error == expected(file.path), "\(name)")
            if let error { checkMessage(error, names: file.path) }
            #expect(try snapshot(root) == before, "a failed read changed the disk")
        }
    }

    @Test("malformed registration and credential files")
    func malformedOthers() async throws {
        try await withTemporaryDirectory { root in
            let tokens = TokenCache(directory: root)
            let registrationKey = RegistrationCacheKey(startURL: "u", region: "r", scopes: nil, sessionName: nil)
            let registrationFile = tokens.url(for: registrationKey)
            try Data(
                #"{"clientId": "c", "clientSecret": "SECRET-client-secret", "expiresAt": "2030-01-01T00:00:00Z", "scopes": ["a", 1]}"#
                    .utf8
            )
            .write(to: registrationFile)
            #expect(
                throws: CacheError.wrongType(
                    file: registrationFile.path, field: "scopes", expected: "a list of strings")
            ) {
                try tokens.readRegistration(registrationKey)
            }
            try Data(#"{"clientId": "c", "expiresAt": "2030-01-01T00:00:00Z"}"#.utf8).write(to: registrationFile)
            #expect(throws: CacheError.missingField(file: registrationFile.path, field: "clientSecret")) {
                try tokens.readRegistration(registrationKey)
            }

            let credentials = CredentialCache(directory: root)
            let roleKey = RoleCredentialCacheKey(accountID: "1", roleName: "R", sessionName: "s")
            let roleFile = credentials.url(for: roleKey)
            try Data(
                #"{"ProviderType": "sso", "Credentials": {"AccessKeyId": "A", "SecretAccessKey": "SECRET-secret-key", "Expiration": "2030-01-01T00:00:00Z"}}"#
                    .utf8
            )
            .write(to: roleFile)
            let missing = #expect(throws: CacheError.self) { try credentials.read(roleKey) }
            #expect(missing == .missingField(file: roleFile.path, field: "Credentials.SessionToken"))
            try Data(#"{"ProviderType": "sso", "Credentials": "SECRET-secret-key"}"#.utf8).write(to: roleFile)
            #expect(throws: CacheError.wrongType(file: roleFile.path, field: "Credentials", expected: "an object")) {
                try credentials.read(roleKey)
            }
            try Data(#"{"ProviderType": "sso"}"#.utf8).write(to: roleFile)
            #expect(throws: CacheError.missingField(file: roleFile.path, field: "Credentials")) {
                try credentials.read(roleKey)
            }
        }
    }

    @Test("a symbolic link in place of the token is refused, and a write replaces the link, not its target")
    func symbolicLink() async throws {
        try await withTemporaryDirectory { root in
            let outside = root.appendingPathComponent("outside.json")
            let cacheFolder = root.appendingPathComponent("cache")
            let cache = TokenCache(directory: cacheFolder)
            try cache.writeToken(Fixtures.token, for: .session(name: "elsewhere"))
            try FileManager.default.copyItem(at: cache.url(for: .session(name: "elsewhere")), to: outside)
            let outsideBytes = try Data(contentsOf: outside)
            let link = cache.url(for: Self.key)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
            let before = try snapshot(root)
            let error = #expect(throws: CacheError.self) { try cache.readToken(Self.key) }
            #expect(error == .fileSystem(.notARegularFile(path: link.path, kind: "a symbolic link")))
            if let error { checkMessage(error, names: link.path) }
            #expect(try snapshot(root) == before)

            var changed = Fixtures.token
            changed.accessToken = "new"
            try cache.writeToken(changed, for: Self.key)
            #expect(try Data(contentsOf: outside) == outsideBytes, "wrote through the link")
            #expect(try cache.readToken(Self.key) == changed)
        }
    }

    @Test("a folder in place of the token is refused for reading and writing")
    func folder() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let file = cache.url(for: Self.key)
            try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
            let error = #expect(throws: CacheError.self) { try cache.readToken(Self.key) }
            #expect(error == .fileSystem(.notARegularFile(path: file.path, kind: "a folder")))
            if let error { checkMessage(error, names: file.path) }
            #expect(throws: CacheError.self) { try cache.writeToken(Fixtures.token, for: Self.key) }
            #expect(throws: CacheError.self) { try cache.deleteToken(Self.key) }
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder) && isFolder.boolValue)
        }
    }

    @Test("a 10 MB file in place of the token is refused without reading it all")
    func hugeFile() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let file = cache.url(for: Self.key)
            try Data(repeating: UInt8(ascii: " "), count: 10 * 1024 * 1024).write(to: file)
            let error = #expect(throws: CacheError.self) { try cache.readToken(Self.key) }
            #expect(error?.code == "cache_too_large")
            #expect(error?.file == file.path)
            #expect(try Data(contentsOf: file).count == 10 * 1024 * 1024)
        }
    }

    /// The error names the file and carries no secret.
    private func checkMessage(_ error: CacheError, names path: String) {
        #expect(error.description.contains(path))
        #expect(error.file == path)
        #expect(!error.code.isEmpty)
        for secret in Fixtures.secrets { #expect(!error.description.contains(secret)) }
    }

    /// Names, sizes, modes and contents of every entry under `root`.
    private func snapshot(_ root: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: root.path) {
            let url = root.appendingPathComponent(name)
            let bytes =
                (try? Data(contentsOf: url)).map { $0.count > 65536 ? "\($0.count) bytes" : $0.base64EncodedString() }
                ?? "-"
            result[name] = "\(permissions(of: url) ?? 0)|\(bytes)"
        }
        return result
    }
}
