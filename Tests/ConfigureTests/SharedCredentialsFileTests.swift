import AWSFormats
import Foundation
import SSOCache
import SSOConfig
import TestSupport
import Testing

@testable import SessionActors

/// The shared credentials file edit on its own: bytes kept (CRLF, no final line break), replaced,
/// pruned when expired or unselected, kept while unexpired for profiles that got nothing this time.
@Suite("Shared credentials file")
struct SharedCredentialsFileTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func credentials(_ key: String, expires: TimeInterval) -> RoleCredentials {
        RoleCredentials(
            accessKeyID: "ASIA\(key)", secretAccessKey: "secret-\(key)", sessionToken: "token-\(key)",
            expiration: now.addingTimeInterval(expires))
    }

    static func withFile<T>(_ text: String, _ body: (SharedCredentialsFile, URL) throws -> T) throws -> T {
        try withTemporaryDirectory { folder in
            let url = folder.appendingPathComponent("credentials")
            try Data(text.utf8).write(to: url)
            return try body(SharedCredentialsFile(file: url), url)
        }
    }

    @Test("a CRLF file without a final line break keeps every byte; managed sections use its line break")
    func keepsBytes() throws {
        let user = "# mine\r\n[user]\r\naws_access_key_id = AKIA\r\naws_secret_access_key = s"
        try Self.withFile(user) { file, url in
            let change = try file.update(
                [.init(name: "a", profile: "a", credentials: Self.credentials("A", expires: 3600))], now: Self.now)
            #expect(change.written == ["a"] && change.pruned.isEmpty)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.hasPrefix(user + "\r\n\r\n[a]\r\n# managed by"))
            #expect(text.contains("aws_session_token = token-A\r\nmultisso_managed = true\r\n"))
        }
    }

    @Test("unselected and expired managed sections are pruned; an unexpired one of a failed profile is kept")
    func pruneAndKeep() throws {
        try Self.withFile("[user]\nregion = x\n") { file, url in
            _ = try file.update(
                [
                    .init(name: "a", profile: "a", credentials: Self.credentials("A", expires: 3600)),
                    .init(name: "b", profile: "b", credentials: Self.credentials("B", expires: 3600)),
                    .init(name: "c", profile: "c", credentials: Self.credentials("C", expires: 60)),
                ], now: Self.now)
            let later = Self.now.addingTimeInterval(120)
            let change = try file.update(
                [.init(name: "a", profile: "a", credentials: Self.credentials("A2", expires: 3600))],
                keeping: ["b", "c"], now: later)
            #expect(change.written == ["a"] && change.kept == ["b"] && change.pruned == ["c"])
            let document = try ConfigDocument(parsing: Data(contentsOf: url), file: url)
            #expect(document.rawSections.map(\.header) == ["user", "b", "a"])
            #expect(document.rawSections.last?.value("aws_access_key_id") == "ASIAA2")
            let unselected = try file.update([], now: later)
            #expect(unselected.pruned == ["b", "a"])
            let left = try String(contentsOf: url, encoding: .utf8)
            #expect(left == "[user]\nregion = x\n", "\(left.debugDescription)")
        }
    }

    @Test("name templates: placeholders, unknown ones, names that cannot be headers")
    func names() throws {
        let session = SSOSessionSettings(
            name: "corp", startURL: "https://x", region: "us-east-1", registrationScopes: nil, useDeviceCode: false)
        let profile = SSOProfile(
            name: "prod", session: session, accountID: "111122223333", roleName: "Admin", region: nil, output: nil,
            endpoints: EndpointOverrides(), file: URL(fileURLWithPath: "/c"), line: 1)
        #expect(
            try CredentialsSectionName(template: "{sso_session}-{account_id}-{role_name}-{profile}").name(for: profile)
                == "corp-111122223333-Admin-prod")
        #expect(throws: CredentialsFileError.unknownPlaceholder("account_name")) {
            try CredentialsSectionName(template: "{account_name}")
        }
        #expect(throws: CredentialsFileError.invalidName(name: "a]", profile: "prod")) {
            try CredentialsSectionName(template: "a]").name(for: profile)
        }
        #expect(throws: CredentialsFileError.self) {
            try CredentialsSectionName(template: " {profile}").name(for: profile)
        }
    }
}
