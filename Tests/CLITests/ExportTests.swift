import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso export`: env output that sh can eval into exactly the cached credentials, and the other formats.
@Suite("CLI export")
struct ExportTests {
    static let emulator = ["--portals", "1", "--accounts", "1", "--roles-per-account", "2", "--auto-approve"]

    @Test("export --format env is eval-able by sh and gives the profile's credentials")
    func envFormat() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[1]
            let export = try await sandbox.multisso(["export", "--profile", profile.name], browser: true)
            #expect(export.status == 0, "\(export)")
            let script = sandbox.folder.appendingPathComponent("exported.sh")
            try export.stdout.write(to: script, atomically: true, encoding: .utf8)
            let shell = try await sandbox.program(
                "/bin/sh",
                [
                    "-c",
                    #"eval "$(cat "$1")" && printf '%s\n' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN" "$AWS_CREDENTIAL_EXPIRATION""#,
                    "sh", script.path,
                ])
            #expect(shell.status == 0, "\(shell)")
            let cached = try sandbox.cache.credentials(profile).Credentials
            #expect(
                shell.stdout == [cached.AccessKeyId, cached.SecretAccessKey, cached.SessionToken, cached.Expiration]
                    .joined(separator: "\n") + "\n")
            #expect(export.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix("export AWS_") })
        }
    }

    @Test("export --format json and credentials hold the cached credentials")
    func otherFormats() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let cached = try sandbox.cache.credentials(profile).Credentials
            let json = try await sandbox.multisso(["export", "--profile", profile.name, "--format", "json"])
            let document = try json.json(ProcessDocument.self)
            #expect(
                document.Version == 1 && document.AccessKeyId == cached.AccessKeyId
                    && document.SessionToken == cached.SessionToken)
            let file = try await sandbox.multisso(["export", "--profile", profile.name, "--format", "credentials"])
            #expect(
                file.stdout == """
                    [\(profile.name)]
                    aws_access_key_id = \(cached.AccessKeyId)
                    aws_secret_access_key = \(cached.SecretAccessKey)
                    aws_session_token = \(cached.SessionToken)

                    """)
        }
    }
}
