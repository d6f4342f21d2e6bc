import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso console` over role chains (`role_arn` + `source_profile`) through the built binary: the
/// chained role's credentials become a sign-in URL that signs in the assumed role, `--duration` is left
/// out of `getSigninToken` with a note (the emulator refuses it for credentials from role chaining, as
/// AWS does), and `--via portal` is refused for a chain, naming the profile.
@Suite("CLI console over role chains")
struct ConsoleChainCLITests {
    static let arguments = ["--portals", "1", "--accounts", "4", "--roles-per-account", "1", "--auto-approve"]

    /// `hop` on the first SSO profile, `spoke` on `hop`; returns the accounts and roles they assume.
    static func writeChains(_ sandbox: CLISandbox) throws -> (hop: (String, String), spoke: (String, String)) {
        let accounts = sandbox.directory.portals[0].accounts
        let hop = (accounts[2].accountID, accounts[2].roles[0])
        let spoke = (accounts[3].accountID, accounts[3].roles[0])
        try sandbox.writeConfig(
            extra: """
                [profile hop]
                role_arn = arn:aws:iam::\(hop.0):role/\(hop.1)
                source_profile = \(sandbox.profiles[0].name)
                region = eu-west-1

                [profile spoke]
                role_arn = arn:aws:iam::\(spoke.0):role/\(spoke.1)
                source_profile = hop
                region = us-west-2

                """)
        return (hop, spoke)
    }

    static func environment(_ sandbox: CLISandbox) -> [String: String] {
        [
            "AWS_ENDPOINT_URL_SIGNIN": sandbox.emulator.baseURL.absoluteString,
            "AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString,
        ]
    }

    @Test("a chained profile's sign-in URL signs in the assumed role, once, at the chain's region")
    func chainedURL() async throws {
        try await CLISandbox.run(emulator: Self.arguments) { sandbox in
            let (_, spoke) = try Self.writeChains(sandbox)
            let run = try await sandbox.multisso(
                ["console", "--profile", "spoke", "--url", "--output", "json"], browser: true,
                environment: Self.environment(sandbox))
            #expect(run.status == 0, "\(run)")
            let entries = try JSONDecoder().decode([Entry].self, from: Data(run.stdout.utf8))
            let entry = try #require(entries.first)
            #expect(entries.count == 1 && entry.profile == "spoke")
            #expect(entry.accountId == spoke.0 && entry.roleName == spoke.1)
            let url = try #require(URL(string: entry.url ?? ""))
            let destination = "https://us-west-2.console.aws.amazon.com/console/home?region=us-west-2"
            #expect(ConsoleHelpers.query(url, "Destination") == destination)
            #expect(ConsoleHelpers.query(url, "Issuer") == sandbox.profiles[0].startURL)
            let followed = try await ConsoleHelpers.follow(url)
            #expect(followed.status == 302 && followed.location == destination)
            let logins = try await sandbox.emulator.consoleLogins()
            #expect(logins.map { "\($0.accountId)/\($0.roleName)" } == ["\(spoke.0)/\(spoke.1)"])
            #expect(logins.map(\.origin) == [.roleChaining])
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "AssumeRole") == 2 && stats.count(of: "GetRoleCredentials") == 1)
            #expect(stats.count(of: "GetSigninToken") == 1)
        }
    }

    @Test("--duration: sent for the SSO profile, left out with a note for the chain; both URLs sign in")
    func durationLeftOutForChains() async throws {
        try await CLISandbox.run(emulator: Self.arguments) { sandbox in
            _ = try Self.writeChains(sandbox)
            let sso = sandbox.profiles[1].name
            let run = try await sandbox.multisso(
                ["console", "--profile", sso, "--profile", "hop", "--url", "--duration", "2h"], browser: true,
                environment: Self.environment(sandbox))
            #expect(run.status == 0, "\(run)")
            #expect(run.stderr.contains("profile hop: --duration was not applied"), "\(run.stderr)")
            #expect(!run.stderr.contains("profile \(sso):"), "\(run.stderr)")
            var urls: [String: URL] = [:]
            for line in run.stdout.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                urls[parts[0]] = URL(string: parts.last ?? "")
            }
            #expect(Array(urls.keys).sorted() == ["hop", sso].sorted())
            for name in [sso, "hop"] {
                let url = try #require(urls[name])
                #expect(try await ConsoleHelpers.follow(url).status == 302)
            }
            let logins = try await sandbox.emulator.consoleLogins()
            let durations = Dictionary(
                logins.map { ($0.origin, $0.sessionDuration) }, uniquingKeysWith: { first, _ in first })
            #expect(logins.count == 2)
            #expect(durations[.roleCredentials] == 7200)
            #expect(durations[.roleChaining] == .some(nil))
        }
    }

    @Test("--via portal: a chain is refused naming the profile (exit 64); beside SSO profiles, those still get links")
    func portalRefusesChains() async throws {
        try await CLISandbox.run(emulator: Self.arguments) { sandbox in
            _ = try Self.writeChains(sandbox)
            let one = try await sandbox.multisso(
                ["console", "--profile", "spoke", "--via", "portal", "--url"], environment: Self.environment(sandbox))
            #expect(one.status == 64, "\(one)")
            #expect(
                one.stderr.contains("profile spoke is a role chain (spoke ← hop ← \(sandbox.profiles[0].name)"),
                "\(one.stderr)")
            #expect(one.stdout.isEmpty)
            let sso = sandbox.profiles[0].name
            let mixed = try await sandbox.multisso(
                ["console", "--profile", sso, "--profile", "hop", "--via", "portal", "--url"],
                environment: Self.environment(sandbox))
            #expect(mixed.status == 1, "\(mixed)")
            #expect(mixed.stdout.hasPrefix("\(sso)\t\(sandbox.profiles[0].startURL)/#/console?"), "\(mixed.stdout)")
            #expect(mixed.stderr.contains("profile hop is a role chain"), "\(mixed.stderr)")
            #expect(try await sandbox.emulator.stats().calls.isEmpty, "a portal link needs no request")
        }
    }

    /// One profile's line in `console --output json`.
    struct Entry: Decodable {
        var profile: String
        var accountId: String?
        var roleName: String?
        var url: String?
    }
}
