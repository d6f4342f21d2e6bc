import Foundation
import SSOEmulator
import Testing

/// One way of doing each thing across commands: JSON keys in AWS's casing, exports that match what
/// `exec` sets, options that act or are refused, help text wrapped once.
@Suite("CLI consistency")
struct ConsistencyTests {
    static let emulator = ["--instances", "1", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]

    @Test("JSON keys use AWS's casing (accountId, startUrl) in login, status and list")
    func jsonCasing() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            for command in [["login", "--all"], ["status"], ["list", "--profile", profile]] {
                let result = try await sandbox.multisso(command + ["--output", "json"], browser: true)
                #expect(result.status == 0, "\(command): \(result)")
                #expect(result.stdout.contains(#""accountId""#), "\(command): \(result.stdout)")
                #expect(!result.stdout.contains("accountID") && !result.stdout.contains("startURL"), "\(command): \(result.stdout)")
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
            let both = try await sandbox.multisso(["export", "--profile", profile.name, "--output", "json", "--format", "env"])
            #expect(both.status == 64, "\(both)")
        }
    }

    @Test("options that would do nothing are refused, naming the option")
    func uselessOptionsRefused() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            for (command, option) in [(["status", "--timeout", "5"], "--timeout"),
                                      (["credential-process", "--profile", profile, "--output", "text"], "--output"),
                                      (["credential-process", "--profile", profile, "--no-color"], "--no-color")] {
                let result = try await sandbox.multisso(command)
                #expect(result.status == 64, "\(command): \(result)")
                #expect(result.stderr.contains("\(option) does not apply"), "\(command): \(result)")
            }
        }
    }

    @Test("help is wrapped once: no paragraph line ends far short of the width, and nothing is wider than 80")
    func helpWrapping() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            for command in [[], ["login"], ["logout"], ["status"], ["list"], ["exec"], ["credential-process"], ["export"],
                            ["configure"], ["configure", "generate"]] {
                let result = try await sandbox.multisso(command + ["--help"], environment: ["COLUMNS": "80"])
                #expect(result.status == 0, "\(command): \(result)")
                let lines = result.stdout.components(separatedBy: "\n")
                for (index, line) in lines.enumerated() where index + 1 < lines.count {
                    // The parser prints the usage line unwrapped.
                    #expect(line.count <= 80 || line.hasPrefix("USAGE:"), "\(command): too wide: \(line)")
                    // A line of running text followed by more running text must be nearly full.
                    let next = lines[index + 1]
                    let prose = !line.hasPrefix(" ") && !next.hasPrefix(" ") && !line.isEmpty && !next.isEmpty
                        && !line.hasSuffix(":") && !line.contains("  ")
                    if prose { #expect(line.count >= 50, "\(command): ragged line: '\(line)' before '\(next)'") }
                }
            }
        }
    }
}
