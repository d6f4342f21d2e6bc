import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

/// `--all`'s resolution (``AWSConfigFile/usableProfileCredentials``, which reads the usual SSO profile
/// straight from the lexed entries) against the general one: the same role chains and SSO profiles in
/// the same order, and the same failures, as ``AWSConfigFile/roleChain(named:)`` and
/// ``AWSConfigFile/ssoProfile(named:)`` give for each usable profile, and as
/// ``AWSConfigFile/credentials(forProfiles:)`` gives.
@Suite("Resolution of every usable profile equals the general resolution")
struct UsableProfilesDifferentialTests {
    @Test("every file of the valid corpus", arguments: ValidCorpus.all)
    func validCorpus(_ sample: ValidCorpus.Case) throws {
        try compare(Array(sample.text.utf8))
    }

    @Test("the role-chain corpus")
    func chainCorpus() throws {
        try compare(Array(ChainCorpus.config.utf8))
    }

    @Test("malformed files that parse", arguments: MalformedCorpus.all)
    func malformedCorpus(_ sample: MalformedCorpus.Case) throws {
        try compare(sample.bytes)
    }

    @Test(
        "generated configs of 10, 1,000 and 3,000 profiles, with and without [DEFAULT]", arguments: [10, 1_000, 3_000])
    func generated(_ count: Int) throws {
        let generated = ConfigExcerptDifferentialTests.generatedConfig(profiles: count, ending: "\n")
        try compare(Array(generated.utf8))
        let readable = ConfigExcerptDifferentialTests.generatedConfig(profiles: count, ending: "\n", defaults: false)
            .replacingOccurrences(of: "  multi\n  line", with: "  multi = 1\n  line = 2")
        try compare(Array(readable.utf8))
        try compare(Array(readable.utf8), variables: ["AWS_ENDPOINT_URL_SSO": "http://127.0.0.1:1/"])
        try compare(Array(readable.utf8), variables: ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"])
        try compare(Array(readable.utf8), variables: ["AWS_ENDPOINT_URL": "ftp://x"])
    }

    @Test("values the plain reading must leave to the general one")
    func unusualValues() throws {
        let base = """
            [sso-session s]
            sso_start_url = https://d-1.awsapps.com/start
            sso_region = us-east-1
            sso_registration_scopes = sso:account:access
            [services local]
            sso =
              endpoint_url = http://127.0.0.1:9912
            [profile p]
            sso_session = s
            sso_account_id = 111122223333
            sso_role_name = Admin
            services = local
            region = eu-west-1
            output = json
            [profile legacy]
            sso_start_url = https://legacy.awsapps.com/start
            sso_region = eu-west-1
            sso_account_id = 000000000000
            sso_role_name = R
            sso_use_device_code = TRUE
            endpoint_url = http://127.0.0.1:80

            """
        try compare(Array(base.utf8))
        let changes: [(String, String)] = [
            ("sso_role_name = Admin", "sso_role_name = Admin\n  continued"),
            ("sso_role_name = Admin", "sso_role_name =\n  a = b"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nsso_region = eu-west-1"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nsso_region = us-east-1"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nsso_start_url = https://d-2.awsapps.com/start"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nsso_registration_scopes = other"),
            ("sso_role_name = Admin", "sso_role_name = Admin\nextra = 1"),
            ("sso_region = us-east-1\n", "sso_region = us-east-1\nextra = 2\n"),
            ("sso_region = us-east-1\n", "sso_region =\n  a = b\n"),
            ("sso_region = us-east-1\n", ""),
            ("sso_session = s", "sso_session = missing"),
            ("sso_account_id = 111122223333\n", ""),
            ("sso_account_id = 000000000000\n", ""),
            ("services = local", "services = none"),
            ("services = local", "services = local\nignore_configured_endpoint_urls = true"),
            ("endpoint_url = http://127.0.0.1:80", "endpoint_url = ftp://x"),
            ("endpoint_url = http://127.0.0.1:80", "endpoint_url =\n  a = b"),
            ("sso_use_device_code = TRUE", "sso_use_device_code = no"),
            ("sso_use_device_code = TRUE", "sso_use_device_code =\n  a = b"),
            ("[sso-session s]", "[DEFAULT]\nregion = x\n[sso-session s]"),
            ("[sso-session s]", "[DEFAULT]\nsso_account_id = 1\n[sso-session s]"),
            ("[profile p]", "[profile p]\nrole_arn = arn:aws:iam::1:role/x\nsource_profile = legacy"),
            ("[profile legacy]", "[default]\nsso_session = s\nsso_account_id = 1\nsso_role_name = D\n[profile legacy]"),
        ]
        for (old, new) in changes {
            let text = base.replacingOccurrences(of: old, with: new)
            #expect(text != base, "\(old) is in the config")
            try compare(Array(text.utf8))
        }
    }

    /// Compares the two resolutions of the file `bytes` (nothing when it does not parse).
    private func compare(_ bytes: [UInt8], variables: [String: String] = [:]) throws {
        try withTemporaryDirectory { folder in
            let file = folder.appendingPathComponent("config")
            try Data(bytes).write(to: file)
            let environment = AWSEnvironment(
                home: folder, configFile: file, ssoCacheDirectory: folder.appendingPathComponent("sso"),
                cliCacheDirectory: folder.appendingPathComponent("cli"), variables: variables)
            guard let config = try? AWSConfigFile.load(environment) else { return }
            let usable = config.usableProfileCredentials
            var profiles: [ProfileCredentials] = []
            var failures: [(profile: String, error: ConfigError)] = []
            for name in config.profileNamesWithUsableCredentials {
                do throws(ConfigError) {
                    profiles.append(
                        config.isRoleChainProfile(name)
                            ? .chain(try config.roleChain(named: name)) : .sso(try config.ssoProfile(named: name)))
                } catch {
                    failures.append((name, error))
                }
            }
            #expect(usable.profiles == profiles)
            #expect(usable.failures.map(\.profile) == failures.map(\.profile))
            #expect(usable.failures.map(\.error) == failures.map(\.error))
            let names = config.profileNamesWithUsableCredentials
            let batch = config.credentials(forProfiles: names)
            #expect(batch.compactMap { try? $0.get() } == profiles)
        }
    }
}
