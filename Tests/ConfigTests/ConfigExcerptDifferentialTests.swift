import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

/// The lazy lookup of `credential-process` (``ConfigExcerpt``) against the full parser and resolver:
/// for every profile of every corpus file and of generated configs, it gives the same SSO profile or
/// declines; it never answers where the full path fails, and it declines only where its scan cannot decide.
@Suite("Lazy profile lookup equals the full resolution")
struct ConfigExcerptDifferentialTests {
    @Test("every profile of the valid corpus", arguments: ValidCorpus.all)
    func validCorpus(_ sample: ValidCorpus.Case) async throws {
        try await compareEveryProfile(Array(sample.text.utf8))
    }

    @Test("every profile of the role-chain corpus")
    func chainCorpus() async throws {
        try await compareEveryProfile(Array(ChainCorpus.config.utf8))
    }

    @Test(
        "malformed files: the lazy lookup never answers where the full parser refuses", arguments: MalformedCorpus.all)
    func malformedCorpus(_ sample: MalformedCorpus.Case) async throws {
        try await compareEveryProfile(sample.bytes, extraNames: ["dev", "a", "default", "x"])
    }

    @Test("a section repeated far from the profile makes the lookup decline, as the full parser refuses the file")
    func repeatedSectionElsewhere() async throws {
        let text = Self.generatedConfig(profiles: 30, ending: "\n") + "\n[profile p29]\nregion = x\n"
        try await compareEveryProfile(Array(text.utf8))
    }

    @Test("generated configs of 10, 1,000 and 3,000 profiles in every form", arguments: [10, 1_000, 3_000])
    func generated(_ count: Int) async throws {
        try await compareEveryProfile(Array(Self.generatedConfig(profiles: count, ending: "\n").utf8))
        try await compareEveryProfile(Array(Self.generatedConfig(profiles: min(count, 200), ending: "\r\n").utf8))
        // Without `[DEFAULT]`, and with the multi-line values made valid sub-sections (else the full parser
        // refuses the whole file), so that every profile resolves or fails on its own.
        let readable = Self.generatedConfig(profiles: count, ending: "\n", defaults: false)
            .replacingOccurrences(of: "  multi\n  line", with: "  multi = 1\n  line = 2")
        let plain = try await compareEveryProfile(Array(readable.utf8))
        #expect(plain >= min(count, 400) / 5, "the plain reading answered for \(plain) of \(count) profiles")
    }

    @Test("the plain reading: what it answers for, and the lines and values that make it decline")
    func plainReading() async throws {
        let good = """
            # a comment
            [sso-session s]
            sso_start_url = https://d-1.awsapps.com/start
            sso_region = us-east-1

            [services local]
            sso =
              endpoint_url = http://127.0.0.1:9912/path

            ; comment
              # indented comment
            sso_oidc =
              endpoint_url = https://localhost
            [profile p]
            sso_session = s
            sso_start_url = https://d-1.awsapps.com/start
            sso_account_id = 111122223333
            sso_role_name = Admin
            services = local
            [profile legacy]
            sso_start_url: https://legacy.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 000000000000
            sso_role_name = R
            endpoint_url = http://127.0.0.1:80

            """
        #expect(try await compareEveryProfile(Array(good.utf8)) == 2)
        let declining: [(String, String)] = [
            ("sso_role_name = Admin", "sso_role_name = Admin\n  continued"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nSSO_REGION = us-east-1"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nsso_role_name = Other"),
            ("sso_role_name = Admin", "sso_role_name =\tAdmin"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nrole_arn = arn:aws:iam::1:role/x"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nignore_configured_endpoint_urls = false"),
            (
                "sso_start_url = https://d-1.awsapps.com/start\nsso_account_id",
                "sso_start_url = https://d-2.awsapps.com/start\nsso_account_id"
            ),
            ("endpoint_url = http://127.0.0.1:9912/path", "endpoint_url = http://127.0.0.1:99999"),
            ("endpoint_url = http://127.0.0.1:9912/path", "endpoint_url = ftp://127.0.0.1"),
            ("endpoint_url = https://localhost", "endpoint_url = https://user@localhost"),
            ("sso_oidc =\n", "sso_oidc = x\n"),
            ("sso_oidc =\n  endpoint_url", "sso_oidc =\n  no equals sign\n  endpoint_url"),
            ("# a comment\n", "# a comment\nstray = key\n"),
            ("[services local]", "[DEFAULT]\noutput = json\n[services local]"),
        ]
        for (old, new) in declining {
            let text = good.replacingOccurrences(of: old, with: new)
            #expect(text != good)
            #expect(try await compareEveryProfile(Array(text.utf8)) < 2, "\(new) should make the plain reading decline")
        }
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config")
            try Data(good.utf8).write(to: file)
            for variable in ["AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSO", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] {
                #expect(
                    ConfigExcerpt.plainSSOProfile(named: "p", configPath: file.path) { $0 == variable ? "" : nil }
                        == nil)
            }
        }
    }

    @Test("endpoint overrides from the environment and [services] resolve the same")
    func environmentOverrides() async throws {
        let text = Self.generatedConfig(profiles: 40, ending: "\n")
        try await compareEveryProfile(Array(text.utf8), variables: ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:1/"])
        try await compareEveryProfile(Array(text.utf8), variables: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
    }

    /// A config mixing sso-session and legacy profiles, quoted and `[default]` headers, a `[DEFAULT]`
    /// block, `[services]` references, comments, multi-line values and role chains.
    static func generatedConfig(profiles: Int, ending: String, defaults: Bool = true) -> String {
        var lines = defaults ? ["# generated", "[DEFAULT]", "output = json", ""] : ["# generated"]
        for session in 0..<5 {
            lines += [
                "[sso-session s\(session)]", "sso_start_url = https://d-\(session).awsapps.com/start",
                "sso_region = us-east-1", "",
            ]
        }
        lines += ["[services local]", "sso =", "  endpoint_url = http://127.0.0.1:9912", ""]
        lines += ["[default]", "sso_session = s0", "sso_account_id = 000000000000", "sso_role_name = Default", ""]
        for index in 0..<profiles {
            let header = index % 7 == 3 ? "[profile \"p\(index)\"]" : "[profile p\(index)]"
            lines.append(header)
            switch index % 5 {
            case 0:
                lines += ["sso_start_url = https://legacy.awsapps.com/start", "sso_region = eu-west-1"]
            case 1:
                lines += ["sso_session = s\(index % 5)", "services = local"]
            case 2:
                lines += ["role_arn = arn:aws:iam::123456789012:role/R\(index)", "source_profile = p\(index - 1)"]
            case 3:
                lines += ["sso_session = missing\(index)"]
            default:
                lines += [
                    "sso_session = s\(index % 5)", "region = us-west-2", "  ; an indented comment", "description =",
                    "  multi", "  line",
                ]
            }
            if index % 5 != 2 {
                lines += ["sso_account_id = \(100_000_000_000 + index)", "sso_role_name = Role\(index % 3)"]
            }
            if index % 11 == 0 { lines += ["# a comment", "ignore_configured_endpoint_urls = true"] }
            lines.append("")
        }
        return lines.joined(separator: ending)
    }

    /// Compares every profile (every n-th of a large file); returns how many the plain reading answered for.
    @discardableResult
    /// Compares every profile (past 400, every n-th) and gives the number the plain reading answered for.
    /// It yields after each profile: these comparisons take seconds of CPU, and the other suites of this
    /// process (the terminal tests' pseudo-terminals among them) must not wait for a free thread meanwhile.
    private func compareEveryProfile(_ bytes: [UInt8], extraNames: [String] = [], variables: [String: String] = [:])
        async throws -> Int
    {
        var plainAnswers = 0
        try await withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config")
            try Data(bytes).write(to: file)
            let environment = AWSEnvironment(
                home: folder, configFile: file, ssoCacheDirectory: folder.appendingPathComponent("sso"),
                cliCacheDirectory: folder.appendingPathComponent("cli"), variables: variables)
            let full = try? AWSConfigFile.load(environment)
            let all = (full?.profileNames ?? []) + extraNames + ["missing-profile"]
            // Each lookup reads the whole file: past 400 profiles, every n-th one (and the extra names).
            let stride = max(1, all.count / 400)
            let names = all.indices.filter { $0 % stride == 0 || $0 >= all.count - extraNames.count - 1 }.map {
                all[$0]
            }
            var answered = 0
            var resolvable = 0
            for name in names {
                await Task.yield()
                let lazy = ConfigExcerpt.ssoProfile(named: name, environment: environment)
                let expected: SSOProfile?
                if case .sso(let profile)? = try? full?.credentials(forProfile: name) {
                    expected = profile
                } else {
                    expected = nil
                }
                let plain = ConfigExcerpt.plainSSOProfile(named: name, configPath: file.path) { variables[$0] }
                if let plain {
                    plainAnswers += 1
                    let fields = expected.map {
                        PlainSSOProfile(
                            accountID: $0.accountID, roleName: $0.roleName, sessionName: $0.session.name,
                            startURL: $0.session.startURL)
                    }
                    #expect(
                        plain == fields,
                        "profile \(name): the plain reading gave \(plain), the full resolution \(String(describing: expected))"
                    )
                }
                if let lazy {
                    answered += 1
                    #expect(
                        lazy == expected,
                        "profile \(name): the lazy lookup gave \(lazy), the full resolution \(String(describing: expected))"
                    )
                }
                if expected != nil { resolvable += 1 }
            }
            if Self.scanDecides(bytes) {
                #expect(
                    answered == resolvable,
                    "the lazy lookup declined \(resolvable - answered) of \(resolvable) SSO profiles it can read")
            }
        }
        return plainAnswers
    }

    /// Whether the file is one the scan reads on its own: printable ASCII, tabs and line breaks only,
    /// and no indented line starting with `[`.
    static func scanDecides(_ bytes: [UInt8]) -> Bool {
        guard bytes.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
            return false
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return !text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).contains { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            return trimmed.count < line.count && trimmed.first == "["
        }
    }
}
