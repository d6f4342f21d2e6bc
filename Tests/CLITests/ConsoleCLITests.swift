import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `multisso console` through the built binary: sign-in URLs that the emulator's federation endpoint
/// accepts once each, for one and for 50 profiles, portal links, destinations, partitions, refresh and login.
@Suite("CLI console")
struct ConsoleCLITests {
    static let small = ["--portals", "1", "--accounts", "2", "--roles-per-account", "2", "--auto-approve"]

    /// The sandbox environment with the federation endpoint at the emulator.
    static func signin(_ sandbox: CLISandbox) -> [String: String] {
        ["AWS_ENDPOINT_URL_SIGNIN": sandbox.emulator.baseURL.absoluteString]
    }

    static func identity(_ sandbox: CLISandbox, _ profile: SandboxProfile) -> String {
        "\(profile.session)/\(profile.accountID)/\(profile.roleName)"
    }

    @Test("one profile: --url prints one sign-in URL that signs that role in once, at the profile's region")
    func oneProfile() async throws {
        try await CLISandbox.run(emulator: Self.small) { sandbox in
            let profile = sandbox.profiles[1]
            let run = try await sandbox.multisso(
                ["console", "--profile", profile.name, "--url"], browser: true, environment: Self.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            let lines = run.stdout.split(separator: "\n")
            #expect(lines.count == 1)
            let url = try #require(URL(string: String(lines[0])))
            #expect(url.absoluteString.hasPrefix(sandbox.emulator.baseURL.absoluteString + "/federation?Action=login&"))
            let destination = "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1"
            #expect(ConsoleHelpers.query(url, "Destination") == destination)
            #expect(ConsoleHelpers.query(url, "Issuer") == profile.startURL)
            let followed = try await ConsoleHelpers.follow(url)
            #expect(followed.status == 302 && followed.location == destination)
            #expect(try await ConsoleHelpers.follow(url).status == 400, "a sign-in URL works once")
            let logins = try await sandbox.emulator.consoleLogins()
            #expect(logins.map(\.identity) == [Self.identity(sandbox, profile)])
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "GetSigninToken") == 1 && stats.count(of: "GetRoleCredentials") == 1)
        }
    }

    @Test("50 profiles at once: 50 getSigninToken, 50 distinct identities signed in, one login")
    func fiftyProfiles() async throws {
        let arguments = [
            "--portals", "1", "--accounts", "25", "--roles-per-account", "2", "--auto-approve", "--latency-ms", "20",
        ]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            #expect(sandbox.profiles.count == 50)
            let run = try await sandbox.multisso(
                ["console", "--all", "--url", "--service", "cloudwatch"], browser: true,
                environment: Self.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            var urls: [String: URL] = [:]
            for line in run.stdout.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                #expect(parts.count == 2)
                urls[parts[0]] = URL(string: parts.last ?? "")
            }
            #expect(Set(urls.keys) == Set(sandbox.profiles.map(\.name)))
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "GetSigninToken") == 50 && stats.totalRoleCredentials == 50)
            #expect(stats.tokensIssued.values.reduce(0, +) == 1)
            for url in urls.values { #expect(try await ConsoleHelpers.follow(url).status == 302) }
            let identities = try await sandbox.emulator.consoleLogins().map(\.identity)
            #expect(
                identities.count == 50 && Set(identities) == Set(sandbox.profiles.map { Self.identity(sandbox, $0) }))
        }
    }

    @Test("--via portal prints the access portal's shortcut link and makes no request")
    func viaPortal() async throws {
        try await CLISandbox.run(emulator: Self.small) { sandbox in
            let profile = sandbox.profiles[2]
            let run = try await sandbox.multisso([
                "console", "--profile", profile.name, "--via", "portal", "--service", "ec2", "--url",
            ])
            #expect(run.status == 0, "\(run)")
            let link = run.stdout.trimmingCharacters(in: .newlines)
            let prefix = profile.startURL + "/#/console?"
            #expect(link.hasPrefix(prefix))
            #expect(try await sandbox.emulator.stats().calls.isEmpty)
            let shortcut = try #require(
                URL(string: "\(sandbox.emulator.baseURL)/start/console?\(link.dropFirst(prefix.count))"))
            let followed = try await ConsoleHelpers.follow(shortcut)
            #expect(
                followed.status == 302
                    && followed.location == "https://eu-west-1.console.aws.amazon.com/ec2/home?region=eu-west-1")
            #expect(try await sandbox.emulator.consoleLogins().map(\.via) == ["portal"])
        }
    }

    @Test("--service, --region, --destination, --duration and partitions; bad values exit 64 before any request")
    func destinations() async throws {
        try await CLISandbox.run(emulator: Self.small) { sandbox in
            let name = sandbox.profiles[0].name
            func destination(_ extra: [String]) async throws -> String? {
                let run = try await sandbox.multisso(
                    ["console", "--profile", name, "--url"] + extra, browser: true, environment: Self.signin(sandbox))
                #expect(run.status == 0, "\(run)")
                return URL(string: run.stdout.trimmingCharacters(in: .newlines)).flatMap {
                    ConsoleHelpers.query($0, "Destination")
                }
            }
            #expect(
                try await destination(["--service", "s3", "--region", "us-west-2"])
                    == "https://us-west-2.console.aws.amazon.com/s3/home?region=us-west-2")
            let alarms = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:"
            #expect(try await destination(["--destination", alarms]) == alarms)
            #expect(
                try await destination(["--region", "us-gov-west-1"])
                    == "https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1")
            #expect(
                try await destination(["--region", "cn-north-1", "--service", "ec2"])
                    == "https://console.amazonaws.cn/ec2/home?region=cn-north-1")
            let before = try await sandbox.emulator.stats().count(of: "GetSigninToken")
            let refused: [([String], String)] = [
                (["--destination", "https://example.com/"], "not a console page"),
                (["--region", "us-gov-west-1", "--destination", alarms], "console.amazonaws-us-gov.com"),
                (["--service", "s3", "--destination", alarms], "cannot be used together"),
                (["--duration", "5m"], "--duration 5m"),
                (["--service", "s3 x"], "--service"),
                (["--via", "portal", "--duration", "1h"], "--duration needs --via federation"),
                (["--browser", "firefox {nope}"], "{nope}"),
            ]
            for (extra, message) in refused {
                let run = try await sandbox.multisso(
                    ["console", "--profile", name] + extra, environment: Self.signin(sandbox))
                #expect(run.status == 64 && run.stderr.contains(message), "\(run)")
            }
            #expect(try await sandbox.emulator.stats().count(of: "GetSigninToken") == before)
        }
    }

    @Test("--duration reaches getSigninToken as SessionDuration")
    func duration() async throws {
        try await CLISandbox.run(emulator: Self.small) { sandbox in
            let run = try await sandbox.multisso(
                ["console", "--profile", sandbox.profiles[0].name, "--url", "--duration", "90m"], browser: true,
                environment: Self.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            let url = try #require(URL(string: run.stdout.trimmingCharacters(in: .newlines)))
            #expect(try await ConsoleHelpers.follow(url).status == 302)
            #expect(try await sandbox.emulator.consoleLogins().map(\.sessionDuration) == [5400])
        }
    }

    @Test("expired cached credentials are refreshed before the sign-in token is asked for")
    func expiredCredentials() async throws {
        try await CLISandbox.run(emulator: Self.small) { sandbox in
            let profile = sandbox.profiles[0]
            try await sandbox.emulator.post("/_admin/config", ["credentialTtlSeconds": 0])
            #expect(try await sandbox.multisso(["login", "--profile", profile.name], browser: true).status == 0)
            let expired = try sandbox.cache.credentials(profile).Credentials.AccessKeyId
            try await sandbox.emulator.post("/_admin/config", ["credentialTtlSeconds": 3600])
            let run = try await sandbox.multisso(
                ["console", "--profile", profile.name, "--url"], environment: Self.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            #expect(try sandbox.cache.credentials(profile).Credentials.AccessKeyId != expired)
            #expect(try await sandbox.emulator.stats().totalRoleCredentials == 2)
            let url = try #require(URL(string: run.stdout.trimmingCharacters(in: .newlines)))
            #expect(try await ConsoleHelpers.follow(url).status == 302)
        }
    }

    @Test("no login yet: the interactive login runs once, then the consoles")
    func loginNeeded() async throws {
        try await CLISandbox.run(emulator: Self.small) { sandbox in
            let names = sandbox.profiles.prefix(3).map(\.name)
            let run = try await sandbox.multisso(
                ["console", "--url"] + names.flatMap { ["--profile", $0] }, browser: true,
                environment: Self.signin(sandbox))
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[0]) } == names)
            let stats = try await sandbox.emulator.stats()
            #expect(stats.grants["authorization_code"] == 1 && stats.count(of: "GetSigninToken") == 3)
        }
    }
}
