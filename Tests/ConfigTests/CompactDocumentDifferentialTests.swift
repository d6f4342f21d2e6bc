import Foundation
import Testing

@testable import FileStore
@testable import SSOConfig

/// The document's compact form against the plain one it replaced: lines kept as the file's bytes and
/// where each line ends (`LineTable`) against `LineSplitter`'s lines; key look-ups by `ConfigKey`
/// against a scan of the key strings; and SSO resolution (which reads keys in place, shares each
/// `[sso-session]` and compares keys by number) against the merge of copied entries it replaced,
/// kept below as `Reference`. Over the corpora, generated configs with each line break, and
/// truncations and byte substitutions of a few files.
@Suite("Compact document equals the plain reading")
struct CompactDocumentDifferentialTests {
    static let file = URL(fileURLWithPath: "/tmp/config")

    @Test("the valid corpus", arguments: ValidCorpus.all)
    func validCorpus(_ sample: ValidCorpus.Case) throws {
        try compare(Array(sample.text.utf8))
    }

    @Test("the malformed corpus and the role-chain corpus")
    func otherCorpora() throws {
        for sample in MalformedCorpus.all { try compare(sample.bytes) }
        try compare(Array(ChainCorpus.config.utf8))
    }

    @Test("generated configs with each line break", arguments: ["\n", "\r\n", "\r"])
    func generated(_ ending: String) throws {
        for defaults in [true, false] {
            let text = ConfigExcerptDifferentialTests.generatedConfig(profiles: 200, ending: ending, defaults: defaults)
            try compare(Array(text.utf8))
            try compare(Array((text + ending).utf8))
        }
        try compare(Array(Self.awkward.replacingOccurrences(of: "\n", with: ending).utf8))
    }

    @Test("every truncation and byte substitution of a few files")
    func mutations() throws {
        for seed in ASCIILexerDifferentialTests.mutationSeeds + [Self.awkward] {
            let bytes = Array(seed.utf8)
            for length in 0...bytes.count { try compare(Array(bytes[..<length])) }
            for position in bytes.indices {
                for replacement in ASCIILexerDifferentialTests.substitutes {
                    var mutated = bytes
                    mutated[position] = replacement
                    try compare(mutated)
                }
            }
        }
    }

    /// Keys in upper case, inherited from `[DEFAULT]`, set in both the profile and the session (equal
    /// and not), sub-sections where one value belongs, non-ASCII names and long repeated values.
    static let awkward = """
        [DEFAULT]
        SSO_Region = us-east-1
        services = svc
        [services svc]
        sso =
          endpoint_url = http://127.0.0.1:1
        [sso-session é]
        sso_start_url = https://d-0123456789.awsapps.com/start
        sso_region = eu-west-1
        SSO_Registration_Scopes = sso:account:access, x
        [sso-session plain]
        sso_start_url = https://d-0123456789.awsapps.com/start
        sso_use_device_code = TRUE
        [profile a]
        SSO_SESSION = é
        sso_account_id = 111111111111
        sso_role_name = AdministratorAccess
        [profile b]
        sso_session = é
        sso_start_url = https://other.awsapps.com/start
        sso_account_id = 1
        sso_role_name = r
        [profile c]
        sso_session = plain
        sso_region = us-east-1
        sso_account_id =
          nested = 1
        sso_role_name = AdministratorAccess
        [profile d]
        sso_start_url = https://d-0123456789.awsapps.com/start
        sso_account_id = 2
        sso_role_name = AdministratorAccess
        region = eu-west-1
        output = json
        [profile ünï]
        sso_session = missing
        [profile e]
        sso_role_name = x
        endpoint_url = http://127.0.0.1:2
        ignore_configured_endpoint_urls = true
        """

    private func compare(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let document = try? ConfigDocument(parsing: bytes, file: Self.file) else { return }
        let shown = String(decoding: bytes, as: UTF8.self).debugDescription
        let lines = try LineSplitter.split(bytes, file: Self.file)
        #expect(document.lines == lines, "lines differ for \(shown)", sourceLocation: sourceLocation)
        #expect(document.data == Data(bytes), "bytes differ for \(shown)", sourceLocation: sourceLocation)
        #expect(
            LineTable(lines: lines) == document.table, "the table differs for \(shown)", sourceLocation: sourceLocation)
        for (index, section) in document.sections.enumerated() {
            for entry in section.allEntries {
                #expect(entry.code == ConfigKey(entry.key), sourceLocation: sourceLocation)
            }
            for key in ConfigKey.allCases where key != .other {
                let scanned = section.allEntries.first { $0.key.isExactly(key.name) }
                #expect(
                    section.entry(key) == scanned, "\(key) in \(section.header) of \(shown)",
                    sourceLocation: sourceLocation)
                #expect(section.entry(key.name) == scanned, sourceLocation: sourceLocation)
                #expect(document.hasKey(key, at: index) == (scanned != nil), sourceLocation: sourceLocation)
            }
        }
        let config = AWSConfigFile(document: document, file: Self.file, environment: AWSEnvironment(variables: [:]))
        let reference = Reference(config: config)
        let names = document.profileNames
        let expected = names.map { name in Result { () throws(ConfigError) in try reference.ssoProfile(named: name) } }
        for (name, want) in zip(names, expected) {
            let got = Result { () throws(ConfigError) in try config.ssoProfile(named: name) }
            #expect(got == want, "profile \(name) of \(shown)", sourceLocation: sourceLocation)
        }
        let resolvable = zip(names, expected).compactMap { name, result -> SSOProfile? in
            guard config.isSSOProfile(name) else { return nil }
            return try? result.get()
        }
        #expect(config.resolvableSSOProfiles == resolvable, "all profiles of \(shown)", sourceLocation: sourceLocation)
        let usable = names.filter { config.isRoleChainProfile($0) || config.isSSOProfile($0) }
        #expect(config.profileNamesWithUsableCredentials == usable, sourceLocation: sourceLocation)
    }

    /// SSO resolution as it was before the compact document: the profile's entries copied, the
    /// session's merged over them, every key found by comparing strings.
    struct Reference {
        let config: AWSConfigFile

        func ssoProfile(named name: String) throws(ConfigError) -> SSOProfile {
            let file = config.file
            guard let section = config.document.section(.profile(name)) else {
                throw .profileNotFound(profile: name, file: file)
            }
            func find(_ key: String, in entries: [ConfigEntry]) -> ConfigEntry? {
                entries.first { $0.key.isExactly(key) }
            }
            guard AWSConfigFile.ssoKeys.contains(where: { find($0, in: section.allEntries) != nil }) else {
                throw .notAnSSOProfile(profile: name, file: file, line: section.line)
            }
            var merged = section.allEntries
            var sessionSection: ConfigSection?
            if let reference = find("sso_session", in: section.allEntries) {
                let sessionName = try config.text(reference, in: section)
                guard let session = config.document.section(.ssoSession(sessionName)) else {
                    throw .ssoSessionNotFound(profile: name, session: sessionName, file: file, line: reference.line)
                }
                for entry in session.allEntries {
                    if let index = merged.firstIndex(where: { $0.key.isExactly(entry.key) }) {
                        guard merged[index].value == entry.value else {
                            throw .inconsistentValue(
                                key: entry.key, profileValue: merged[index].value.pythonDisplay,
                                sessionValue: entry.value.pythonDisplay, profile: name, session: sessionName,
                                file: file, line: merged[index].line)
                        }
                        merged[index] = entry
                    } else {
                        merged.append(entry)
                    }
                }
                sessionSection = session
            }
            let required =
                ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"]
                + (sessionSection == nil ? [] : ["sso_session"])
            let missing = required.filter { find($0, in: merged) == nil }
            guard missing.isEmpty else {
                throw .missingRequiredKeys(profile: name, keys: missing, file: file, line: section.line)
            }
            func value(_ key: String, in entries: [ConfigEntry], of owner: ConfigSection) throws(ConfigError) -> String?
            {
                guard let entry = find(key, in: entries) else { return nil }
                return try config.text(entry, in: owner)
            }
            let settings: SSOSessionSettings
            if let sessionSection {
                let own = sessionSection.allEntries
                let lacking = ["sso_start_url", "sso_region"].filter { find($0, in: own) == nil }
                guard lacking.isEmpty else {
                    throw .ssoSessionMissingKeys(
                        profile: name, session: sessionSection.id.name, keys: lacking, file: file,
                        line: sessionSection.line)
                }
                settings = SSOSessionSettings(
                    name: sessionSection.id.name,
                    startURL: try value("sso_start_url", in: own, of: sessionSection) ?? "",
                    region: try value("sso_region", in: own, of: sessionSection) ?? "",
                    registrationScopes: SSOSessionSettings.parseScopes(
                        try value("sso_registration_scopes", in: own, of: sessionSection)),
                    useDeviceCode: SSOSessionSettings.isTrue(
                        try value("sso_use_device_code", in: own, of: sessionSection)))
            } else {
                settings = SSOSessionSettings(
                    name: nil, startURL: try value("sso_start_url", in: merged, of: section) ?? "",
                    region: try value("sso_region", in: merged, of: section) ?? "", registrationScopes: nil,
                    useDeviceCode: SSOSessionSettings.isTrue(try value("sso_use_device_code", in: merged, of: section)))
            }
            return SSOProfile(
                name: name, session: settings, accountID: try value("sso_account_id", in: merged, of: section) ?? "",
                roleName: try value("sso_role_name", in: merged, of: section) ?? "",
                region: find("region", in: section.allEntries)?.value.text,
                output: find("output", in: section.allEntries)?.value.text,
                endpoints: try config.endpoints(forProfile: name), file: file, line: section.line)
        }
    }
}
