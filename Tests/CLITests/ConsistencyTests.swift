import Foundation
import SSOEmulator
import TestSupport
import Testing

/// One way of doing each thing across commands: JSON keys in AWS's casing, exports that match what
/// `exec` sets, options that act or are refused, help text wrapped once.
@Suite("CLI consistency")
struct ConsistencyTests {
    static let emulator = ["--portals", "1", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]

    @Test("JSON keys use AWS's casing (accountId, startUrl) in login, status and list")
    func jsonCasing() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            for command in [["login", "--all"], ["status"], ["list", "--profile", profile]] {
                let result = try await sandbox.multisso(command + ["--output", "json"], browser: true)
                #expect(result.status == 0, "\(command): \(result)")
                #expect(result.stdout.contains(#""accountId""#), "\(command): \(result.stdout)")
                #expect(
                    !result.stdout.contains("accountID") && !result.stdout.contains("startURL"),
                    "\(command): \(result.stdout)")
            }
            #expect(try await sandbox.multisso(["status", "--output", "json"]).stdout.contains(#""startUrl""#))
        }
    }

    @Test("export --format env sets the region as exec does; --output json means --format json")
    func exportMatchesExec() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            #expect(try await sandbox.multisso(["login", "--all"], browser: true).status == 0)
            let env = try await sandbox.multisso(["export", "--profile", profile.name, "--format", "env"])
            #expect(env.stdout.contains("export AWS_REGION='\(profile.region)'\n"), "\(env)")
            #expect(env.stdout.contains("export AWS_DEFAULT_REGION='\(profile.region)'\n"), "\(env)")
            let json = try await sandbox.multisso(["export", "--profile", profile.name, "--output", "json"])
            #expect(json.status == 0 && json.stdout.hasPrefix("{\n  \"Version\": 1"), "\(json)")
            let both = try await sandbox.multisso([
                "export", "--profile", profile.name, "--output", "json", "--format", "env",
            ])
            #expect(both.status == 64, "\(both)")
        }
    }

    @Test("options that would do nothing are refused, naming the option")
    func uselessOptionsRefused() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            for (command, option) in [
                (["status", "--timeout", "5"], "--timeout"),
                (["credential-process", "--profile", profile, "--output", "text"], "--output"),
                (["credential-process", "--profile", profile, "--no-color"], "--no-color"),
            ] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 64, "\(command): \(result)")
                #expect(result.stderr.contains("\(option) does not apply"), "\(command): \(result)")
            }
        }
    }

    @Test("help is wrapped once: no paragraph line ends far short of the width, and nothing is wider than 80")
    func helpWrapping() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            for command in [
                [], ["login"], ["logout"], ["status"], ["list"], ["exec"], ["credential-process"], ["export"],
                ["configure"], ["configure", "generate"],
            ] {
                let result = try await sandbox.multisso(command + ["--help"], environment: ["COLUMNS": "80"])
                #expect(result.status == 0, "\(command): \(result)")
                let lines = result.stdout.components(separatedBy: "\n")
                for (index, line) in lines.enumerated() where index + 1 < lines.count {
                    // The parser prints the usage line unwrapped.
                    #expect(line.count <= 80 || line.hasPrefix("USAGE:"), "\(command): too wide: \(line)")
                    // A line of running text followed by more running text must be nearly full.
                    let next = lines[index + 1]
                    let prose =
                        !line.hasPrefix(" ") && !next.hasPrefix(" ") && !line.isEmpty && !next.isEmpty
                        && !line.hasSuffix(":") && !line.contains("  ")
                    if prose { #expect(line.count >= 50, "\(command): ragged line: '\(line)' before '\(next)'") }
                }
            }
        }
    }

    @Test("a very long profile name is cut with an ellipsis in tables and kept whole in JSON")
    func longNamesTruncated() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0]
            let long = String(repeating: "p", count: 3_000)
            try sandbox.writeConfig(
                extra: """
                    [profile \(long)]
                    sso_session = \(profile.session)
                    sso_account_id = \(profile.accountID)
                    sso_role_name = \(profile.roleName)
                    services = emulator

                    """)
            let text = try await sandbox.multisso(["status"])
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.split(separator: "\n").allSatisfy { $0.count < 200 }, "\(text.stdout.prefix(500))")
            #expect(text.stdout.contains(String(repeating: "p", count: 63) + "…"))
            let json = try await sandbox.multisso(["status", "--output", "json"])
            #expect(json.stdout.contains(long))
        }
    }

    @Test("-v names the sections botocore ignores, with file and line")
    func ignoredSectionsNamed() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let lines = try String(contentsOf: sandbox.configFile, encoding: .utf8).split(
                separator: "\n", omittingEmptySubsequences: false)
            try sandbox.writeConfig(extra: "[profile a b]\nregion = eu-west-1\n")
            let quiet = try await sandbox.multisso(["status"])
            #expect(!quiet.stderr.contains("ignored"), "\(quiet)")
            let verbose = try await sandbox.multisso(["status", "-v"])
            #expect(
                verbose.stderr.contains("\(sandbox.configFile.path):\(lines.count): [profile a b] is ignored"),
                "\(verbose)")
        }
    }
}
