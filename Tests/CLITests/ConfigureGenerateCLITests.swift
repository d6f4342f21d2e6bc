import FileStore
import Foundation
import SSOConfig
import SSOEmulator
import TestSupport
import Testing

@Suite("multisso configure generate (built binary, emulator)")
struct ConfigureGenerateCLITests {
    static let own = """
        # my settings: keep me
        [default]
        region = eu-west-1

        [profile mine]
        output = text

        """

    @Test("hundreds of accounts: dry run, generate, assignments change, dry run with and without prune, prune")
    func generateThenPrune() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 250
        configuration.rolesPerAccount = 2
        configuration.pageSize = 100
        configuration.pollInterval = 0
        try await ConfigureSandbox.withEmulator(configuration) { emulator, sandbox in
            try sandbox.writeConfig(Self.own)
            let portal = emulator.portals[0]
            let assignments = portal.accounts.flatMap { account in account.roles.map { (account.accountID, $0) } }
            let common = [
                "configure", "generate", "--sso-session", "corp", "--region", "eu-west-1", "--use-device-code",
                "--no-browser",
            ]
            let create = common + ["--start-url", portal.startURL, "--sso-region", portal.region]

            // Dry run: the whole change as a diff, nothing written.
            let dry = try await sandbox.run(create + ["--dry-run"])
            #expect(dry.status == 0, "\(dry)")
            #expect(try sandbox.config() == Self.own)
            let path = sandbox.configFile.path
            #expect(dry.stdout.hasPrefix("--- \(path)\n+++ \(path)\n@@ "))
            let addedHeaders = dry.stdout.split(separator: "\n").filter { $0.hasPrefix("+[profile ") }
            #expect(addedHeaders.count == assignments.count)
            #expect(dry.stdout.contains("+[sso-session corp]\n+sso_start_url = \(portal.startURL)\n"))
            #expect(!dry.stdout.split(separator: "\n").contains { $0.hasPrefix("-") && !$0.hasPrefix("---") })
            #expect(dry.stderr.contains("Would add \(assignments.count) profile(s)"))

            // The real run writes exactly what the dry run showed.
            let generated = try await sandbox.run(create)
            #expect(generated.status == 0, "\(generated)")
            #expect(generated.stderr.contains("Added \(assignments.count) profile(s)"))
            let afterFirst = try sandbox.config()
            #expect(afterFirst.hasPrefix(Self.own))
            let config = try parse(afterFirst, sandbox: sandbox)
            let ssoProfiles = config.profileNames.filter { config.isSSOProfile($0) }
            #expect(ssoProfiles.count == assignments.count)
            var seen = Set<String>()
            for name in ssoProfiles {
                let profile = try config.ssoProfile(named: name)
                #expect(profile.session.name == "corp" && profile.region == "eu-west-1")
                seen.insert("\(profile.accountID)/\(profile.roleName)")
            }
            #expect(seen == Set(assignments.map { "\($0.0)/\($0.1)" }))
            let addedLines = dry.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }
            #expect(afterFirst.hasSuffix(addedLines.joined(separator: "\n") + "\n"))

            // Running again changes nothing.
            let again = try await sandbox.run(common + ["--dry-run"])
            #expect(again.status == 0 && again.stdout.isEmpty, "\(again)")
            #expect(again.stderr.contains("Would add 0 profile(s)"))

            // Assignments change: 20 accounts go, two arrive, one account gets one more role.
            var directory = await emulator.directory
            let gone = Array(directory.portals[0].accounts.prefix(20))
            directory.portals[0].accounts.removeFirst(20)
            directory.portals[0].accounts[0].roles.append("SecurityAudit")
            directory.portals[0].accounts += [
                EmulatorAccount(
                    accountID: "999999999901", accountName: "Data Lake (prod)", emailAddress: "d@example.com",
                    roles: ["Admin"]),
                EmulatorAccount(
                    accountID: "999999999902", accountName: "Data Lake (prod)", emailAddress: "e@example.com",
                    roles: ["Admin"]),
            ]
            try await emulator.replaceDirectory(directory)
            let goneCount = gone.reduce(0) { $0 + $1.roles.count }
            let expectedAdded = ["Data-Lake-prod-Admin", "Data-Lake-prod-Admin-999999999902"]

            let keep = try await sandbox.run(common + ["--dry-run"])
            #expect(keep.status == 0, "\(keep)")
            let keepAdded = keep.stdout.split(separator: "\n").filter { $0.hasPrefix("+[profile ") }
            #expect(keepAdded.count == 3)
            #expect(expectedAdded.allSatisfy { name in keepAdded.contains { $0 == "+[profile \(name)]" } })
            #expect(!keep.stdout.split(separator: "\n").contains { $0.hasPrefix("-") && !$0.hasPrefix("---") })
            #expect(keep.stderr.contains("\(goneCount) generated profile(s) are no longer assigned"))
            #expect(keep.stderr.contains("--prune"))

            let pruneDry = try await sandbox.run(common + ["--dry-run", "--prune"])
            #expect(pruneDry.status == 0, "\(pruneDry)")
            let removedHeaders = pruneDry.stdout.split(separator: "\n").filter { $0.hasPrefix("-[profile ") }
            #expect(removedHeaders.count == goneCount)
            #expect(try sandbox.config() == afterFirst)
            let goneIDs = Set(gone.map(\.accountID))
            let removedIDs = pruneDry.stdout.split(separator: "\n").filter { $0.hasPrefix("-sso_account_id = ") }
                .map { String($0.dropFirst("-sso_account_id = ".count)) }
            #expect(Set(removedIDs) == goneIDs && removedIDs.count == goneCount)

            let pruned = try await sandbox.run(common + ["--prune", "--output", "json"])
            #expect(pruned.status == 0, "\(pruned)")
            let report = try #require(
                try JSONSerialization.jsonObject(with: Data(pruned.stdout.utf8)) as? [String: Any])
            let plan = try #require(report["plan"] as? [String: Any])
            #expect((plan["additions"] as? [Any])?.count == 3 && (plan["removals"] as? [Any])?.count == goneCount)
            let final = try parse(try sandbox.config(), sandbox: sandbox)
            #expect(try sandbox.config().hasPrefix(Self.own))
            let remaining = Set(
                try final.profileNames.filter { final.isSSOProfile($0) }.map { name in
                    let profile = try final.ssoProfile(named: name)
                    return "\(profile.accountID)/\(profile.roleName)"
                })
            let expected = Set(
                directory.portals[0].accounts.flatMap { account in account.roles.map { "\(account.accountID)/\($0)" }
                })
            #expect(remaining == expected)
            #expect(final.profileNames.contains("mine") && final.profileNames.contains("default"))

            // One login served all six runs; every later run reused the cached token.
            #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 1)
        }
    }

    @Test("bad templates and unknown sessions fail with a message and write nothing")
    func failures() async throws {
        try await ConfigureSandbox.withEmulator { emulator, sandbox in
            try sandbox.writeConfig(Self.own)
            let template = try await sandbox.run([
                "configure", "generate", "--sso-session", "corp", "--name-template", "{nope}",
            ])
            #expect(template.status == 64 && template.stderr.contains("{nope} is not a placeholder"), "\(template)")
            let missing = try await sandbox.run(["configure", "generate", "--sso-session", "corp", "--use-device-code"])
            #expect(missing.status == 3, "\(missing)")
            #expect(missing.stderr.contains("The sso-session \"corp\" does not exist"))
            #expect(try sandbox.config() == Self.own)
            #expect(await emulator.stats().calls.isEmpty)
        }
    }

    private func parse(_ text: String, sandbox: ConfigureSandbox) throws -> AWSConfigFile {
        AWSConfigFile(
            document: try ConfigDocument(parsing: Data(text.utf8), file: sandbox.configFile),
            file: sandbox.configFile, environment: .sandbox(home: sandbox.home))
    }
}
