import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `list` and `logout` with role chains through the built binary: `list` shows the chains rooted in
/// the portal with their hops (and lists a chain's root portal for `--profile CHAIN`); `logout` deletes
/// the assume-role cache files (the AWS CLI's keys) of the chains rooted in the portals it logs out of,
/// and leaves the other portal's login and chains alone.
@Suite("CLI list and logout over role chains")
struct ChainListLogoutCLITests {
    static let arguments = ["--portals", "2", "--accounts", "3", "--roles-per-account", "1", "--auto-approve"]

    /// `chain-a` on portal-1's first profile, `chain-b` on `chain-a`, `chain-c` on portal-2's first profile.
    static func writeChains(_ sandbox: CLISandbox) throws -> (hub1: SandboxProfile, hub2: SandboxProfile) {
        let hub1 = try #require(sandbox.profiles.first { $0.session == "portal-1" })
        let hub2 = try #require(sandbox.profiles.first { $0.session == "portal-2" })
        let accounts1 = sandbox.directory.portals[0].accounts
        let accounts2 = sandbox.directory.portals[1].accounts
        func role(_ account: EmulatorAccount) -> String { "arn:aws:iam::\(account.accountID):role/\(account.roles[0])" }
        try sandbox.writeConfig(
            extra: """
                [profile chain-a]
                role_arn = \(role(accounts1[1]))
                source_profile = \(hub1.name)
                region = eu-west-1

                [profile chain-b]
                role_arn = \(role(accounts1[2]))
                source_profile = chain-a
                region = eu-west-1

                [profile chain-c]
                role_arn = \(role(accounts2[1]))
                source_profile = \(hub2.name)
                region = eu-west-1

                """)
        return (hub1, hub2)
    }

    static func sts(_ sandbox: CLISandbox) -> [String: String] {
        ["AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString]
    }

    /// The assume-role files of ~/.aws/cli/cache (botocore's layout: an `AssumedRoleUser`).
    static func assumedRoleFiles(_ sandbox: CLISandbox) -> Set<String> {
        Set(
            sandbox.cache.files(in: sandbox.cache.cliCache).filter { url in
                guard let data = try? Data(contentsOf: url),
                    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
                else { return false }
                return object["AssumedRoleUser"] != nil
            }.map(\.lastPathComponent))
    }

    struct Logout: Decodable {
        var revoked: [String]
        var tokensDeleted: Int
        var credentialsDeleted: Int
        var assumedRolesDeleted: Int
    }

    struct Account: Decodable {
        struct Chain: Decodable, Equatable {
            var profile: String
            var chain: String
            var sourceProfile: String
            var roleArn: String
            var accountId: String
            var roleName: String
        }

        var accountId: String
        var roleChains: [Chain]?
    }

    @Test("list: a chain lists its root's portal; the portal's chains follow with their hops, not the other portal's")
    func list() async throws {
        try await CLISandbox.run(emulator: Self.arguments) { sandbox in
            let (hub1, hub2) = try Self.writeChains(sandbox)
            let json = try await sandbox.multisso(["list", "--profile", "chain-b", "--output", "json"], browser: true)
            #expect(json.status == 0, "\(json)")
            let accounts = try json.json([Account].self)
            #expect(accounts.map(\.accountId) == sandbox.directory.portals[0].accounts.map(\.accountID).sorted())
            let second = sandbox.directory.portals[0].accounts[2]
            let chains = accounts.first { $0.accountId == hub1.accountID }?.roleChains
            #expect(
                chains == [
                    .init(
                        profile: "chain-a", chain: "chain-a ← \(hub1.name) (sso: portal-1)", sourceProfile: hub1.name,
                        roleArn: "arn:aws:iam::\(sandbox.directory.portals[0].accounts[1].accountID):role/"
                            + sandbox.directory.portals[0].accounts[1].roles[0],
                        accountId: sandbox.directory.portals[0].accounts[1].accountID,
                        roleName: sandbox.directory.portals[0].accounts[1].roles[0]),
                    .init(
                        profile: "chain-b", chain: "chain-b ← chain-a ← \(hub1.name) (sso: portal-1)",
                        sourceProfile: hub1.name,
                        roleArn: "arn:aws:iam::\(second.accountID):role/\(second.roles[0])",
                        accountId: second.accountID,
                        roleName: second.roles[0]),
                ], "\(json.stdout)")
            #expect(accounts.filter { $0.accountId != hub1.accountID }.allSatisfy { $0.roleChains == nil })
            #expect(try await sandbox.emulator.stats().count(of: "AssumeRole") == 0, "list assumes no role")

            let text = try await sandbox.multisso(["list", "--sso-session", "portal-2"], browser: true)
            #expect(text.status == 0, "\(text)")
            #expect(text.stdout.contains("ROLE CHAIN"), "\(text.stdout)")
            #expect(text.stdout.contains("chain-c ← \(hub2.name) (sso: portal-2)"), "\(text.stdout)")
            #expect(!text.stdout.contains("chain-a") && !text.stdout.contains("chain-b"), "\(text.stdout)")
        }
    }

    @Test(
        "logout --profile CHAIN logs out its root portal and deletes that portal's chains' assumed roles; --all the rest"
    )
    func logout() async throws {
        try await CLISandbox.run(emulator: Self.arguments) { sandbox in
            let (_, hub2) = try Self.writeChains(sandbox)
            let login = try await sandbox.multisso(["login", "--all"], browser: true, environment: Self.sts(sandbox))
            #expect(login.status == 0, "\(login)")
            #expect(try await sandbox.emulator.stats().count(of: "AssumeRole") == 3)
            let before = Self.assumedRoleFiles(sandbox)
            #expect(before.count == 3)
            // What portal-2's chain cached, seen before the logout: it must survive it.
            let cHop = try await sandbox.multisso(
                ["credential-process", "--profile", "chain-c"], environment: Self.sts(sandbox))
            #expect(cHop.status == 0, "\(cHop)")

            let one = try await sandbox.multisso(["logout", "--profile", "chain-b", "--output", "json"])
            #expect(one.status == 0, "\(one)")
            let report = try one.json(Logout.self)
            #expect(report.revoked == [sandbox.directory.portals[0].startURL])
            #expect(
                report.tokensDeleted == 1
                    && report.credentialsDeleted == sandbox.profiles.count { $0.session == "portal-1" })
            #expect(report.assumedRolesDeleted == 2)
            let left = Self.assumedRoleFiles(sandbox)
            #expect(left.count == 1 && left.isSubset(of: before))
            #expect(FileManager.default.fileExists(atPath: sandbox.cache.tokenURL(session: "portal-2").path))
            let url = sandbox.cache.credentialURL(
                accountID: hub2.accountID, roleName: hub2.roleName, session: "portal-2")
            #expect(FileManager.default.fileExists(atPath: url.path))
            // chain-c is still served from its cache file: no new AssumeRole.
            let again = try await sandbox.multisso(
                ["credential-process", "--profile", "chain-c"], environment: Self.sts(sandbox))
            #expect(again.status == 0 && again.stdout == cHop.stdout, "\(again)")
            // chain-b's root is logged out: it now needs a login, and says so.
            let refused = try await sandbox.multisso(
                ["credential-process", "--profile", "chain-b"], environment: Self.sts(sandbox))
            #expect(refused.status == 4, "\(refused)")
            #expect(try await sandbox.emulator.stats().count(of: "AssumeRole") == 3)

            let all = try await sandbox.multisso(["logout"])
            #expect(all.status == 0, "\(all)")
            #expect(all.stderr.contains("1 assumed-role file(s) deleted"), "\(all.stderr)")
            #expect(Self.assumedRoleFiles(sandbox).isEmpty)
        }
    }
}
