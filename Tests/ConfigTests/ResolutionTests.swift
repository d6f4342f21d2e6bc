import FileStore
import Foundation
import SSOConfig
import Testing

@Suite("SSO profile resolution")
struct ResolutionTests {
    static let config = """
        [sso-session corp]
        sso_start_url = https://d-1234567890.awsapps.com/start
        sso_region = us-east-1
        sso_registration_scopes = sso:account:access, ,sso:other
        sso_use_device_code = True

        [profile dev]
        sso_session = corp
        sso_account_id = 111122223333
        sso_role_name = Admin
        sso_region = us-east-1
        region = eu-west-1
        output = json

        [profile legacy]
        sso_start_url = https://legacy.awsapps.com/start
        sso_region = us-west-2
        sso_account_id = 444455556666
        sso_role_name = ReadOnly

        [profile missing-session]
        sso_session = nowhere
        sso_account_id = 1
        sso_role_name = R

        [profile inconsistent]
        sso_session = corp
        sso_account_id = 1
        sso_role_name = R
        sso_region = eu-west-1

        [profile incomplete]
        sso_start_url = https://legacy.awsapps.com/start
        sso_account_id = 1

        [profile mixed]
        sso_session = corp
        sso_account_id = 1
        sso_role_name = R
        aws_secret_access_key = do-not-print-me
        role_arn = arn:aws:iam::1:role/x

        [profile static]
        aws_access_key_id = AKIDEXAMPLE

        [sso-session thin]
        sso_region = us-east-1

        [profile thin-session]
        sso_session = thin
        sso_start_url = https://thin.awsapps.com/start
        sso_account_id = 1
        sso_role_name = R

        """

    static func file() throws -> AWSConfigFile {
        let document = try ConfigDocument(parsing: Data(config.utf8), file: sampleFile)
        return AWSConfigFile(
            document: document, file: sampleFile, environment: .sandbox(home: URL(fileURLWithPath: "/tmp/h")))
    }

    @Test("an sso_session profile resolves to the session's settings")
    func sessionForm() throws {
        let profile = try Self.file().ssoProfile(named: "dev")
        #expect(
            profile.session
                == SSOSessionSettings(
                    name: "corp", startURL: "https://d-1234567890.awsapps.com/start", region: "us-east-1",
                    registrationScopes: ["sso:account:access", "sso:other"], useDeviceCode: true))
        #expect(profile.accountID == "111122223333")
        #expect(profile.roleName == "Admin")
        #expect(profile.region == "eu-west-1")
        #expect(profile.output == "json")
        #expect(profile.line == 7)
        #expect(profile.endpoints == EndpointOverrides())
    }

    @Test("a legacy profile resolves to the same shape without a session name")
    func legacyForm() throws {
        let profile = try Self.file().ssoProfile(named: "legacy")
        #expect(
            profile.session
                == SSOSessionSettings(
                    name: nil, startURL: "https://legacy.awsapps.com/start", region: "us-west-2",
                    registrationScopes: nil, useDeviceCode: false))
        #expect(profile.region == nil)
    }

    @Test("names and kinds of profiles")
    func names() throws {
        let file = try Self.file()
        #expect(
            file.profileNames == [
                "dev", "legacy", "missing-session", "inconsistent", "incomplete", "mixed", "static", "thin-session",
            ])
        #expect(file.ssoSessionNames == ["corp", "thin"])
        #expect(
            file.isSSOProfile("dev") && file.isSSOProfile("incomplete") && !file.isSSOProfile("static")
                && !file.isSSOProfile("nope"))
    }

    private func error(_ profile: String) throws -> ConfigError {
        let file = try Self.file()
        do {
            _ = try file.credentials(forProfile: profile)
        } catch {
            return error
        }
        Issue.record("\(profile) resolved")
        return .profileNotFound(profile: "", file: sampleFile)
    }

    @Test(
        "every error names the file, the line and the profile, with botocore's words",
        arguments: [
            ("missing-session", "sso_session_not_found", 22, #"The specified sso-session does not exist: "nowhere""#),
            (
                "inconsistent", "sso_inconsistent_value", 30,
                "The value for sso_region is inconsistent between profile (eu-west-1) and sso-session (us-east-1)."
            ),
            (
                "incomplete", "sso_missing_required_keys", 32,
                #"The profile "incomplete" is configured to use SSO but is missing required configuration: sso_role_name, sso_region"#
            ),
            // role_arn wins over SSO keys, as in botocore's provider order; without source_profile it fails there.
            (
                "mixed", "missing_source_profile", 41,
                "Partial credentials found in assume-role, missing: source_profile or credential_source"
            ),
            ("static", "not_an_sso_profile", 43, "is not configured for SSO"),
            (
                "thin-session", "sso_session_missing_keys", 46,
                #"The profile "thin-session" is configured to use the SSO token provider but is missing the following configuration: ['sso_start_url']."#
            ),
        ])
    func errors(_ profile: String, _ code: String, _ line: Int, _ words: String) throws {
        let error = try error(profile)
        #expect(error.code == code)
        #expect(error.description.hasPrefix("\(sampleFile.path):\(line): "), "\(error)")
        #expect(error.description.contains(words), "\(error)")
        #expect(error.description.contains("\"\(profile)\""), "\(error)")
        #expect(!error.description.contains("do-not-print-me"))
    }

    @Test("unknown profile and unknown session")
    func notFound() throws {
        let file = try Self.file()
        #expect(throws: ConfigError.profileNotFound(profile: "ghost", file: sampleFile)) {
            try file.ssoProfile(named: "ghost")
        }
        #expect(throws: ConfigError.ssoSessionNotFound(profile: nil, session: "ghost", file: sampleFile, line: nil)) {
            try file.ssoSession(named: "ghost")
        }
        #expect(
            throws: ConfigError.ssoSessionMissingKeys(
                profile: nil, session: "thin", keys: ["sso_start_url"], file: sampleFile, line: 46)
        ) {
            try file.ssoSession(named: "thin")
        }
        #expect(try file.ssoSession(named: "corp").useDeviceCode)
    }
}
