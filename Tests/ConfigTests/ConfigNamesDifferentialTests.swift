import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

/// The completion names' scan (``ConfigNames/scan(_:)``) against the full parser: over the config
/// corpus, generated configs and the header and key rules it must honour, it gives the parser's SSO
/// profile and `[sso-session]` names or declines; it never answers where the parser refuses the file,
/// and it answers for the plain shapes completion meets at 10,000 profiles.
@Suite("Completion names from the header scan equal the full parser's")
struct ConfigNamesDifferentialTests {
    @Test("the valid corpus", arguments: ValidCorpus.all)
    func validCorpus(_ sample: ValidCorpus.Case) throws {
        try compare(Array(sample.text.utf8))
    }

    @Test("the role-chain corpus")
    func chainCorpus() throws {
        try compare(Array(ChainCorpus.config.utf8))
    }

    @Test("malformed files: the scan declines every file the parser refuses", arguments: MalformedCorpus.all)
    func malformedCorpus(_ sample: MalformedCorpus.Case) throws {
        try compare(sample.bytes)
        #expect(ConfigNames.scan(sample.bytes) == nil)
    }

    @Test("generated configs with a [DEFAULT] block, quoted names and multi-line values", arguments: [10, 1_000])
    func generatedWithDefaults(_ count: Int) throws {
        try compare(Array(ConfigExcerptDifferentialTests.generatedConfig(profiles: count, ending: "\n").utf8))
        try compare(Array(ConfigExcerptDifferentialTests.generatedConfig(profiles: 50, ending: "\r\n").utf8))
    }

    @Test(
        "the same configs without [DEFAULT] (and with valid multi-line values) are read by the scan alone",
        arguments: ["\n", "\r\n", "\r"])
    func generatedPlain(_ ending: String) throws {
        let text = ConfigExcerptDifferentialTests.generatedConfig(profiles: 500, ending: ending)
            .replacingOccurrences(of: "[DEFAULT]", with: "[plugins]")
            .replacingOccurrences(of: "description =", with: "description = first")
        try compare(Array(text.utf8), scanDecides: true)
    }

    @Test("the benchmark's shape: 10,000 profiles over 10 sessions")
    func benchmarkShape() throws {
        var lines: [String] = []
        for session in 0..<10 {
            lines += [
                "[sso-session portal\(session)]", "sso_start_url = https://x\(session)/start", "sso_region = eu-west-1",
                "",
            ]
        }
        for index in 0..<10_000 {
            lines += [
                "[profile portal\(index % 10)-account\(index / 4)-r\(index % 4)]", "sso_session = portal\(index % 10)",
                "sso_account_id = \(100_000_000_000 + index / 4)", "sso_role_name = R\(index % 4)",
                "region = eu-west-1", "",
            ]
        }
        let names = try compare(Array(lines.joined(separator: "\n").utf8), scanDecides: true)
        #expect(names.ssoProfiles.count == 10_000 && names.ssoSessions.count == 10)
    }

    /// Each the scan reads on its own; the expected names come from the full parser.
    @Test(
        "header and key rules",
        arguments: [
            "[default]\nsso_session = a\n[profile default]\nregion = x\n[sso-session a]\nsso_region = x\n",
            "[profile default]\nsso_role_name = r\n[default]\nsso_account_id = 1\n",
            "[profile  a ]\nsso_session = s\n[profile\ta]\nregion = x\n[profile b]\nSSO_Start_URL = u\n",
            "[profiles x]\nsso_session = s\n[profile a b]\nsso_session = s\n[profile]\nsso_session = s\n",
            "[profile \"with space\"]\nsso_session = s\n[profile 'q']\nsso_role_name = r\n[sso-session \"s s\"]\n",
            "[profile-x y]\nsso_session = s\n[sso-sessionx y]\n[sso-session a b]\n[services s]\nsso_session = x\n",
            "[profile a]\nregion = x\n# sso_session = s\n; sso_role_name = r\n  # sso_account_id = 1\n",
            "[profile a]\nsso_session : s\n[profile b]\nsso_session=s\n[profile c]\nsso_sessions = s\n",
            "[profile a]\ns3 =\n  max_concurrent_requests = 20\n\n  sso_session = x\n[profile b]\nsso_account_id = 1\n",
            "[profile a]\ndescription = one\n  two\n\n  three\nsso_role_name = r\n",
            "[profile a] trailing\nsso_session = s\n[sso-session s] # comment\n",
            "[profile a]\nsso_session = s\n[profile a ]\nregion = x\n",
            "[plugins]\nsso_session = s\n[profile z]\n[profile y]\nsso_session =\n",
            "\n\n# only a comment before\n[sso-session only]\nsso_region = x\n",
        ])
    func rules(_ text: String) throws {
        try compare(Array(text.utf8), scanDecides: true)
    }

    /// Each the parser refuses or the scan cannot decide; the scan must decline the refused ones.
    @Test(
        "what the scan leaves to the parser",
        arguments: [
            "[profile a]\nsso_session = s\nSSO_SESSION = t\n",
            "[profile a]\nsso_session = s\n[profile a]\nregion = x\n",
            "[DEFAULT]\nsso_session = s\n[profile a]\nregion = x\n",
            "region = x\n[profile a]\nsso_session = s\n",
            "[profile a]\n  sso_session = s\n",
            "[profile a]\nservices =\n  s3\n",
            "[profile a]\nsso_session = s\n  [profile b]\n",
            "[profile é]\nsso_session = s\n",
            "[profile a]\nsso_session = s\u{0B}\n",
        ])
    func declined(_ text: String) throws {
        try compare(Array(text.utf8))
    }

    /// Compares the scan with the parser (and ``ConfigNames/load(_:)`` with both) for `bytes`.
    @discardableResult
    private func compare(_ bytes: [UInt8], scanDecides: Bool = false) throws -> ConfigNames {
        let file = URL(fileURLWithPath: "/nonexistent/config")
        let parsed = (try? ConfigDocument(parsing: Data(bytes), file: file)).map {
            ConfigNames(config: AWSConfigFile(document: $0, file: file, environment: .sandbox(home: file)))
        }
        let scanned = ConfigNames.scan(bytes)
        if let scanned {
            #expect(scanned == parsed, "the scan gave \(scanned), the parser \(String(describing: parsed))")
        }
        if scanDecides {
            #expect(scanned != nil, "the scan declined a file it should read")
            #expect(parsed != nil, "the parser refused a file the test expects it to read")
        }
        try withTemporaryDirectory { folder in
            let config = folder.appendingPathComponent("config")
            try Data(bytes).write(to: config)
            let environment = AWSEnvironment.sandbox(home: folder, variables: ["AWS_CONFIG_FILE": config.path])
            #expect(ConfigNames.load(environment) == parsed ?? ConfigNames(ssoProfiles: [], ssoSessions: []))
        }
        return parsed ?? ConfigNames(ssoProfiles: [], ssoSessions: [])
    }
}
