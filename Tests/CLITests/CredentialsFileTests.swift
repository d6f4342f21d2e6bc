import Foundation
import SSOEmulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `multisso export --format credentials --write`: the shared credentials file for old tools.
@Suite("CLI export --write (shared credentials file)")
struct CredentialsFileTests {
    static let emulator = ["--portals", "2", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]

    static let userText = """
        # my own keys
        [user]
        aws_access_key_id = AKIAUSER
        aws_secret_access_key = user-secret
        ; a comment after the section

        [other]
        region=eu-central-1
        """

    /// Sections multisso manages, by name, with their keys.
    static func managedSections(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("[") && line.hasSuffix("]") {
                current = String(line.dropFirst().dropLast())
            } else if let current, let equals = line.firstIndex(of: "=") {
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                sections[current, default: [:]][key] = line[line.index(after: equals)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        return sections.filter { $0.value["multisso_managed"] == "true" }
    }

    @Test("writes, replaces and prunes only its own sections; the user's bytes and the file mode stay")
    func writeReplacePrune() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let file = sandbox.home.appendingPathComponent(".aws/credentials")
            try Self.userText.write(to: file, atomically: true, encoding: .utf8)
            #expect(chmod(file.path, 0o640) == 0)
            let portal1 = sandbox.profiles.filter { $0.session == "portal-1" }
            let first = try await sandbox.multisso(
                ["export", "--format", "credentials", "--write", "--sso-session", "portal-1"], browser: true)
            #expect(first.status == 0 && first.stdout.isEmpty, "\(first)")
            let written = try String(contentsOf: file, encoding: .utf8)
            #expect(written.hasPrefix(Self.userText + "\n\n"), "\(written)")
            #expect(try CacheContents.mode(file) == 0o640)
            let managed = Self.managedSections(written)
            #expect(Set(managed.keys) == Set(portal1.map(\.name)))
            for profile in portal1 {
                let cached = try sandbox.cache.credentials(profile).Credentials
                let section = managed[profile.name]
                #expect(section?["aws_access_key_id"] == cached.AccessKeyId)
                #expect(section?["aws_secret_access_key"] == cached.SecretAccessKey)
                #expect(section?["aws_session_token"] == cached.SessionToken)
                #expect(
                    section?["multisso_expiration"] == cached.Expiration && section?["multisso_profile"] == profile.name
                )
            }
            #expect(written.contains("[\(portal1[0].name)]\n# managed by `multisso export --write`"))

            // A narrower selection: the one profile is replaced, the other managed section pruned.
            let keep = portal1[0]
            let second = try await sandbox.multisso([
                "export", "--format", "credentials", "--write", "--profile", keep.name,
            ])
            #expect(second.status == 0, "\(second)")
            #expect(second.stderr.contains("pruned \(portal1[1].name)"), "\(second)")
            let narrowed = try String(contentsOf: file, encoding: .utf8)
            #expect(narrowed.hasPrefix(Self.userText + "\n\n"))
            #expect(Set(Self.managedSections(narrowed).keys) == [keep.name])
            #expect(narrowed.components(separatedBy: "[\(keep.name)]").count == 2, "one section per name")

            // Names from a template; the old names are no longer selected and go.
            let templated = try await sandbox.multisso(
                [
                    "export", "--format", "credentials", "--write", "--all", "--name-template",
                    "legacy-{account_id}-{role_name}",
                ],
                browser: true)
            #expect(templated.status == 0, "\(templated)")
            let renamed = try String(contentsOf: file, encoding: .utf8)
            #expect(
                Set(Self.managedSections(renamed).keys)
                    == Set(sandbox.profiles.map { "legacy-\($0.accountID)-\($0.roleName)" }))
            #expect(renamed.hasPrefix(Self.userText + "\n\n"))
        }
    }

    @Test(
        "refuses a name that would shadow the user's section, a duplicate name or an unknown placeholder; the file stays"
    )
    func refusals() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let file = sandbox.home.appendingPathComponent(".aws/credentials")
            let profile = try #require(sandbox.profiles.first)
            let text = Self.userText + "\n\n[\(profile.name)]\naws_access_key_id = AKIAMINE\n"
            try text.write(to: file, atomically: true, encoding: .utf8)
            let shadow = try await sandbox.multisso(
                ["export", "--format", "credentials", "--write", "--profile", profile.name], browser: true)
            #expect(shadow.status == 3, "\(shadow)")
            #expect(!shadow.stderr.contains("authorize"), "refused before logging in")
            #expect(shadow.stderr.contains("\(file.path):10") && shadow.stderr.contains("--name-template"), "\(shadow)")
            let duplicate = try await sandbox.multisso(
                ["export", "--format", "credentials", "--write", "--all", "--name-template", "{sso_session}"],
                browser: true)
            #expect(duplicate.status == 3 && duplicate.stderr.contains("would all be written as"), "\(duplicate)")
            let unknown = try await sandbox.multisso(
                ["export", "--format", "credentials", "--write", "--all", "--name-template", "{account_name}"])
            #expect(unknown.status == 3 && unknown.stderr.contains("{account_name}"), "\(unknown)")
            #expect(try String(contentsOf: file, encoding: .utf8) == text)
            let usage = try await sandbox.multisso(["export", "--format", "env", "--write", "--all"])
            #expect(usage.status == 64, "\(usage)")
        }
    }

    @Test("AWS_SHARED_CREDENTIALS_FILE names the file; a new one is created 0600")
    func newFile() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let file = sandbox.folder.appendingPathComponent("elsewhere/creds")
            let profile = try #require(sandbox.profiles.last)
            let result = try await sandbox.multisso(
                ["export", "--format", "credentials", "--write", "--profile", profile.name], browser: true,
                environment: ["AWS_SHARED_CREDENTIALS_FILE": file.path])
            #expect(result.status == 0, "\(result)")
            #expect(try CacheContents.mode(file) == 0o600)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(
                text.hasPrefix("[\(profile.name)]\n") && Self.managedSections(text).keys.first == profile.name,
                "\(text)")
            #expect(
                !FileManager.default.fileExists(atPath: sandbox.home.appendingPathComponent(".aws/credentials").path))
        }
    }
}
