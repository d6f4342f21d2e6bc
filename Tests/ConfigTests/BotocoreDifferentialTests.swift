import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

/// multisso must read every file exactly as botocore 1.43.11 does; these tests ask botocore itself.
@Suite("Differential against botocore")
struct BotocoreDifferentialTests {
    @Test("the Python interpreter with botocore is there (run scripts/bootstrap)")
    func interpreter() {
        #expect(
            FileManager.default.isExecutableFile(atPath: ConformancePython.path.path),
            "\(ConformancePython.Missing(path: ConformancePython.path.path))")
    }

    @Test("sections, keys, values and sub-sections equal botocore's", arguments: ValidCorpus.all)
    func sameReading(_ sample: ValidCorpus.Case) async throws {
        try await withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config")
            try Data(sample.text.utf8).write(to: file)
            let theirs: ParseDump = try await Botocore.run(["parse", file.path], in: folder)
            let ours = ParseDump(try ConfigDocument(parsing: Data(sample.text.utf8), file: file))
            #expect(theirs.ok, "botocore refused \(sample.name): \(theirs.error ?? "")")
            #expect(ours.raw == theirs.raw)
            #expect(ours.profiles == theirs.profiles)
            #expect(ours.sso_sessions == theirs.sso_sessions)
            #expect(ours.services == theirs.services)
            #expect(ours.other == theirs.other)
        }
    }

    @Test("botocore refuses the malformed files too, at the same line", arguments: MalformedCorpus.all)
    func sameRefusal(_ sample: MalformedCorpus.Case) async throws {
        try await withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config")
            try Data(sample.bytes).write(to: file)
            let theirs: ParseDump = try await Botocore.run(["parse", file.path], in: folder)
            #expect(theirs.ok == !sample.botocoreRefuses, "\(theirs)")
            if let line = theirs.line { #expect(line == sample.line, "botocore: \(theirs.error ?? "") at \(line)") }
        }
    }

    struct ResolveDump: Codable {
        var profiles: [SectionDump]
        var sso_sessions: [SectionDump]
        var resolved: [String: Resolved]
    }

    struct Resolved: Codable {
        var sso_config: [String: String]?
        var sso_config_error: String?
        var sso: String?
        var sso_error: String?
        var ssoOIDC: String?
        var ssoOIDCError: String?

        enum CodingKeys: String, CodingKey {
            case sso_config, sso_config_error, sso, sso_error
            case ssoOIDC = "sso-oidc"
            case ssoOIDCError = "sso-oidc_error"
        }
    }

    private func compare(_ file: AWSConfigFile, _ theirs: Resolved, profile: String) {
        do {
            let ours = try file.ssoProfile(named: profile)
            let config = theirs.sso_config ?? [:]
            #expect(theirs.sso_config_error == nil, "botocore: \(theirs.sso_config_error ?? "")")
            #expect(config["sso_start_url"] == ours.session.startURL)
            #expect(config["sso_region"] == ours.session.region)
            #expect(config["sso_account_id"] == ours.accountID)
            #expect(config["sso_role_name"] == ours.roleName)
            #expect(config["sso_session"] == ours.session.name)
            #expect(
                theirs.sso == (ours.endpoints.portal?.absoluteString ?? "https://portal.sso.us-east-1.amazonaws.com"))
            #expect(theirs.ssoOIDC == (ours.endpoints.oidc?.absoluteString ?? "https://oidc.us-east-1.amazonaws.com"))
        } catch {
            if let message = theirs.sso_config_error {
                #expect("\(error)".contains(message), "ours: \(error)\nbotocore: \(message)")
            } else {
                #expect(
                    error.code == "sso_session_missing_keys" || error.code.hasPrefix("services")
                        || error.code == "sso_mixed_with_credentials",
                    "ours: \(error); botocore accepted it")
            }
        }
    }

    @Test("SSO resolution and endpoints agree with botocore's SSOProvider and real clients")
    func sameResolution() async throws {
        let text =
            ResolutionTests.config
            + EndpointTests.config.replacingOccurrences(of: "[profile plain]\nsso_session = s\n", with: "")
            + "[profile emu-sso]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = R\nservices = emu\n"
        let profiles = [
            "dev", "legacy", "missing-session", "inconsistent", "incomplete", "thin-session", "emu-sso", "mixed",
        ]
        for variables in [
            [:], ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:9100"], ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"],
        ] {
            try await withTemporaryDirectory { folder in
                let path = folder.appendingPathComponent("config")
                try Data(text.utf8).write(to: path)
                let theirs: ResolveDump = try await Botocore.run(
                    ["resolve", path.path] + profiles, environment: variables, in: folder)
                let file = AWSConfigFile(
                    document: try ConfigDocument(parsing: Data(text.utf8), file: path), file: path,
                    environment: .sandbox(home: folder, variables: variables))
                #expect(ParseDump(file.document).profiles == theirs.profiles)
                for profile in profiles {
                    compare(file, try #require(theirs.resolved[profile]), profile: profile)
                }
            }
        }
    }

    @Test("botocore loads a config multisso edited: exactly the added sessions and profiles")
    func editedByMultisso() async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent(".aws/config")
            try FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(ValidCorpus.legacyAndComments.text.utf8).write(to: path)
            let environment = AWSEnvironment.sandbox(home: folder, variables: ["AWS_CONFIG_FILE": path.path])
            var file = try AWSConfigFile.load(environment)
            let names = ["team a", "it's; $(rm -rf ~) | `id`", "tab\tname", "x\"y\\z'w", "plain"]
            file.document.addSection(
                .ssoSession("my corp"),
                entries: [
                    ("sso_start_url", "https://d-9999999999.awsapps.com/start"), ("sso_region", "eu-west-1"),
                    ("sso_registration_scopes", "sso:account:access"),
                ])
            for (index, name) in names.enumerated() {
                file.document.addSection(
                    .profile(name),
                    entries: [
                        ("sso_session", "my corp"), ("sso_account_id", String(repeating: "\(index)", count: 12)),
                        ("sso_role_name", "Role\(index)"),
                    ])
            }
            file.document.setValue("eu-north-1", forKey: "region", in: .profile("legacy"))
            file.document.removeSection(.profile("keys"))
            try file.save()
            let theirs: ResolveDump = try await Botocore.run(["resolve", path.path] + names, in: folder)
            #expect(theirs.profiles.map(\.name) == ["legacy"] + names)
            #expect(theirs.sso_sessions.map(\.name) == ["my corp"])
            #expect(theirs.profiles.first?.entries.first { $0.key == "region" }?.text == "eu-north-1")
            let reloaded = try AWSConfigFile.load(environment)
            for (index, name) in names.enumerated() {
                let config = theirs.resolved[name]?.sso_config
                #expect(
                    config == [
                        "sso_session": "my corp", "sso_start_url": "https://d-9999999999.awsapps.com/start",
                        "sso_region": "eu-west-1",
                        "sso_account_id": String(repeating: "\(index)", count: 12), "sso_role_name": "Role\(index)",
                    ], "\(name): \(theirs.resolved[name].debugDescription)")
                #expect(try reloaded.ssoProfile(named: name).session.name == "my corp")
            }
        }
    }
}
