import Foundation
import SSOEmulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `multisso doctor --output json`.
struct DoctorJSON: Decodable {
    struct Finding: Decodable {
        var check: String
        var severity: String
        var message: String
        var fix: String?
    }

    var findings: [Finding]

    func with(_ check: String) -> [Finding] { findings.filter { $0.check == check } }
}

/// `multisso doctor` against the emulator: reachability, clock skew, and the config, cache and AWS CLI checks.
@Suite("CLI doctor")
struct DoctorTests {
    static let emulator = ["--portals", "2", "--accounts", "2", "--roles-per-account", "1", "--auto-approve"]

    @Test("a healthy setup: every check ok, one request per distinct endpoint, exit 0")
    func healthy() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            // The AWS CLI on PATH is the test's own (a current v2), not whatever the machine has.
            let bin = sandbox.folder.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let aws = bin.appendingPathComponent("aws")
            try "#!/bin/sh\necho 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64'\n".write(
                to: aws, atomically: true, encoding: .utf8)
            #expect(chmod(aws.path, 0o755) == 0)
            let result = try await sandbox.multisso(
                ["doctor", "--output", "json"], environment: ["PATH": "\(bin.path):/usr/bin:/bin"])
            #expect(result.status == 0, "\(result)")
            let report = try result.json(DoctorJSON.self)
            #expect(report.findings.allSatisfy { $0.severity == "ok" }, "\(result)")
            #expect(report.with("endpoint").count == 1, "\(result)")
            #expect(report.with("clock").first?.severity == "ok")
            // OIDC and portal endpoints are the same URL here: one request in all.
            #expect(try await sandbox.emulator.stats().count(of: "Root") == 1)
            let text = try await sandbox.multisso(["doctor"], environment: ["PATH": "\(bin.path):/usr/bin:/bin"])
            #expect(text.status == 0 && text.stdout.contains("0 errors, 0 warnings"), "\(text)")
        }
    }

    @Test("a clock 15 minutes off the service's Date header is an error; 2 minutes is a warning")
    func clockSkew() async throws {
        try await CLISandbox.run(emulator: Self.emulator + ["--date-skew-seconds", "900"]) { sandbox in
            let result = try await sandbox.multisso(["doctor", "--output", "json"])
            #expect(result.status == 1, "\(result)")
            let clock = try #require(try result.json(DoctorJSON.self).with("clock").first)
            #expect(clock.severity == "error" && clock.message.contains("behind") && clock.fix != nil, "\(clock)")
            let seconds = clock.message.split(separator: " ").compactMap { Int($0) }.first ?? 0
            #expect((895...905).contains(seconds), "\(clock.message)")
        }
        try await CLISandbox.run(emulator: Self.emulator + ["--date-skew-seconds=-120"]) { sandbox in
            let result = try await sandbox.multisso(["doctor", "--output", "json"])
            #expect(result.status == 0, "\(result)")
            let clock = try #require(try result.json(DoctorJSON.self).with("clock").first)
            #expect(clock.severity == "warning" && clock.message.contains("ahead of"), "\(clock)")
        }
    }

    @Test("an endpoint nobody listens on is an error naming it and its profiles; each distinct endpoint is asked once")
    func unreachable() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let dead = "http://127.0.0.1:9"
            try sandbox.writeConfig(
                extra: """
                    [sso-session elsewhere]
                    sso_start_url = https://d-0000000000.awsapps.com/start
                    sso_region = eu-west-1

                    [profile offline]
                    sso_session = elsewhere
                    sso_account_id = 111122223333
                    sso_role_name = Admin
                    services = dead

                    [services dead]
                    sso =
                      endpoint_url = \(dead)
                    sso_oidc =
                      endpoint_url = \(sandbox.emulator.baseURL.absoluteString)

                    """)
            let result = try await sandbox.multisso(["doctor", "--output", "json", "--timeout", "5"])
            #expect(result.status == 1, "\(result)")
            let endpoints = try result.json(DoctorJSON.self).with("endpoint")
            #expect(endpoints.count == 2, "\(result)")
            let failed = try #require(endpoints.first { $0.severity == "error" })
            #expect(
                failed.message.contains(dead) && failed.message.contains("offline") && failed.fix != nil, "\(failed)")
            #expect(try await sandbox.emulator.stats().count(of: "Root") == 1)
        }
    }

    @Test(
        "config problems: an unresolvable profile with file:line, a credential_process loop, two sessions with one start URL"
    )
    func configProblems() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let startURL = sandbox.directory.portals[0].startURL
            try sandbox.writeConfig(
                extra: """
                    [profile broken]
                    sso_session = portal-1
                    sso_account_id = 111122223333

                    [profile loop]
                    credential_process = multisso credential-process

                    [profile loop-a]
                    credential_process = /usr/local/bin/multisso credential-process --profile loop-b

                    [profile loop-b]
                    credential_process = multisso credential-process --profile=loop-a

                    [profile fine]
                    credential_process = multisso credential-process --profile \(sandbox.profiles[0].name)

                    [sso-session twin]
                    sso_start_url = \(startURL)
                    sso_region = us-east-1

                    """)
            let result = try await sandbox.multisso(["doctor", "--output", "json"])
            #expect(result.status == 1, "\(result)")
            let report = try result.json(DoctorJSON.self)
            let profiles = report.with("profiles")
            #expect(profiles.count == 1 && profiles[0].severity == "error", "\(result)")
            let configPath = sandbox.configFile.path
            #expect(
                profiles.first?.message.contains("\(configPath):") == true
                    && profiles.first?.message.contains("broken") == true)
            let loops = report.with("credential_process")
            #expect(
                Set(loops.compactMap { $0.message.split(separator: " ").dropFirst(4).first }) == [
                    "loop", "loop-a", "loop-b",
                ], "\(loops)")
            #expect(loops.allSatisfy { $0.severity == "error" && $0.message.hasPrefix(configPath + ":") })
            let twins = report.with("sso_sessions")
            #expect(
                twins.count == 1 && twins[0].message.contains("portal-1") && twins[0].message.contains("twin"),
                "\(twins)")
        }
    }

    @Test("cache folders writable by others and readable token files; an AWS CLI older than 2.9 on PATH")
    func cacheAndCLI() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            #expect(try await sandbox.multisso(["login", "--sso-session", "portal-1"], browser: true).status == 0)
            let token = sandbox.cache.tokenURL(session: "portal-1")
            #expect(chmod(token.path, 0o644) == 0 && chmod(sandbox.cache.cliCache.path, 0o777) == 0)
            let bin = sandbox.folder.appendingPathComponent("oldbin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            let aws = bin.appendingPathComponent("aws")
            try "#!/bin/sh\necho 'aws-cli/2.8.3 Python/3.9.11 Linux/6.1 exe/x86_64'\n".write(
                to: aws, atomically: true, encoding: .utf8)
            #expect(chmod(aws.path, 0o755) == 0)
            let result = try await sandbox.multisso(
                ["doctor", "--output", "json"], environment: ["PATH": "\(bin.path):/usr/bin:/bin"])
            #expect(result.status == 1, "\(result)")
            let report = try result.json(DoctorJSON.self)
            let cache = report.with("cache")
            #expect(
                cache.contains {
                    $0.severity == "error" && $0.message.contains(sandbox.cache.cliCache.path)
                        && $0.fix == "chmod 700 \(sandbox.cache.cliCache.path)"
                }, "\(cache)")
            #expect(
                cache.contains {
                    $0.severity == "warning" && $0.message.contains(sandbox.cache.ssoCache.path)
                        && $0.message.contains(token.lastPathComponent)
                }, "\(cache)")
            let cli = try #require(report.with("aws_cli").first)
            #expect(
                cli.severity == "warning" && cli.message.contains("2.8.3") && cli.message.contains(aws.path), "\(cli)")

            if FileManager.default.isExecutableFile(atPath: "/usr/bin/aws") {
                let real = try await sandbox.multisso(["doctor", "--output", "json"])
                let found = try #require(try real.json(DoctorJSON.self).with("aws_cli").first)
                #expect(found.severity == "ok" && found.message.contains("/usr/bin/aws is AWS CLI 2."), "\(found)")
            }
        }
    }

    @Test(
        "through HTTP_PROXY: the one probe goes through the proxy and the finding says so; a proxy that is down is an error"
    )
    func throughProxy() async throws {
        let proxy = try TunnelProxy(.tunnel)
        defer { proxy.stop() }
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let result = try await sandbox.multisso(
                ["doctor", "--output", "json"], environment: ["HTTP_PROXY": proxy.url()])
            #expect(result.status == 0, "\(result)")
            let endpoint = try #require(try result.json(DoctorJSON.self).with("endpoint").first)
            #expect(endpoint.severity == "ok" && endpoint.message.contains("through the proxy"), "\(endpoint)")
            #expect(proxy.stats.tunnels == 1, "\(proxy.stats)")
            #expect(try await sandbox.emulator.stats().count(of: "Root") == 1)

            let down = try RefusingPort()
            let failed = try await sandbox.multisso(
                ["doctor", "--output", "json"], environment: ["HTTP_PROXY": "http://127.0.0.1:\(down.port)"])
            #expect(failed.status == 1, "\(failed)")
            let error = try #require(try failed.json(DoctorJSON.self).with("endpoint").first)
            #expect(
                error.severity == "error" && error.message.contains("proxy")
                    && error.fix?.contains("HTTPS_PROXY") == true, "\(error)")
        }
    }
}
