public import FailureKinds
public import FileStore
public import Foundation

/// Why the config file could not be read, or a profile or sso-session could not be used. Every case
/// names the file and, where there is one, the line and the profile; the texts botocore prints are
/// kept word for word (with `file:line:` in front). Values quoted are only config values, never secrets.
public enum ConfigError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    case invalidUTF8(file: URL, line: Int)
    case nulByte(file: URL, line: Int)
    case byteOrderMark(file: URL)
    case malformedSectionHeader(file: URL, line: Int)
    case keyOutsideSection(file: URL, line: Int)
    /// A line in a section that is neither `key = value`, a comment nor a header.
    case malformedLine(file: URL, line: Int, section: String)
    case duplicateSection(file: URL, line: Int, header: String, firstLine: Int)
    case duplicateKey(file: URL, line: Int, section: String, key: String, firstLine: Int)
    /// An indented line under `key =` without `=`.
    case malformedSubsection(file: URL, line: Int, section: String, key: String)
    case profileNotFound(profile: String, file: URL)
    /// `line` is the profile's `sso_session` line; nil when the session was asked for by name.
    case ssoSessionNotFound(profile: String?, session: String, file: URL, line: Int?)
    case inconsistentValue(
        key: String, profileValue: String, sessionValue: String, profile: String, session: String, file: URL, line: Int)
    case missingRequiredKeys(profile: String, keys: [String], file: URL, line: Int)
    /// The `[sso-session]` section itself lacks `sso_start_url` or `sso_region` (botocore's token provider).
    case ssoSessionMissingKeys(profile: String?, session: String, keys: [String], file: URL, line: Int)
    /// A role chain asked for by name whose profile has no `role_arn`.
    case notARoleProfile(profile: String, file: URL, line: Int)
    /// `source_profile` names a profile that is not in the config file.
    case sourceProfileNotFound(profile: String, source: String, file: URL, line: Int)
    /// `source_profile` leads back to a profile already visited (botocore's `InfiniteLoopConfigError`).
    case infiniteLoop(source: String, visited: [String], file: URL, line: Int)
    case sourceAndCredentialSource(profile: String, file: URL, line: Int)
    /// `role_arn` with neither `source_profile` nor `credential_source`.
    case missingSourceProfile(profile: String, file: URL, line: Int)
    /// The chain starts from credentials multisso does not fetch (`credential_source`,
    /// `credential_process`, web identity): `how` names the setting.
    case notRootedInSSO(profile: String, root: String, how: String, file: URL, line: Int)
    /// `aws_access_key_id` without `aws_secret_access_key` in a source profile.
    case partialStaticKeys(profile: String, missing: String, file: URL, line: Int)
    /// A source profile with no credentials of any kind.
    case sourceWithoutCredentials(source: String, profile: String, file: URL, line: Int)
    /// An STS endpoint override without a region to sign for (botocore's `NoRegionError`).
    case noRegionForSTS(profile: String, file: URL, line: Int)
    /// `sts_regional_endpoints` is neither `legacy` nor `regional`.
    case invalidSTSRegionalEndpoints(value: String, source: String)
    case notAnSSOProfile(profile: String, file: URL, line: Int)
    case servicesSectionMissing(profile: String, services: String, file: URL, line: Int)
    /// `sso =` / `sso_oidc =` in a `[services]` section is a plain value instead of a sub-section.
    case servicesEntryNotSubsection(services: String, key: String, file: URL, line: Int)
    /// A key that must hold one value holds an indented sub-section.
    case notASingleValue(key: String, section: String, file: URL, line: Int)
    /// `source` says where the URL came from: an environment variable, or `file:line`.
    case invalidEndpointURL(url: String, source: String)
    case readFailed(FileSystemError)

    /// ``code`` with the `config_` prefix that JSON output and the exit-status mapping give every
    /// configuration failure (the file's syntax errors have it already, so it is never doubled).
    public var qualifiedCode: String {
        code.hasPrefix("config_") ? code : "config_" + code
    }

    /// A short stable identifier for JSON output and exit-code mapping.
    public var code: String {
        switch self {
        case .invalidUTF8: "config_invalid_utf8"
        case .nulByte: "config_nul_byte"
        case .byteOrderMark: "config_byte_order_mark"
        case .malformedSectionHeader: "config_malformed_section_header"
        case .keyOutsideSection: "config_key_outside_section"
        case .malformedLine: "config_malformed_line"
        case .duplicateSection: "config_duplicate_section"
        case .duplicateKey: "config_duplicate_key"
        case .malformedSubsection: "config_malformed_subsection"
        case .profileNotFound: "profile_not_found"
        case .ssoSessionNotFound: "sso_session_not_found"
        case .inconsistentValue: "sso_inconsistent_value"
        case .missingRequiredKeys: "sso_missing_required_keys"
        case .ssoSessionMissingKeys: "sso_session_missing_keys"
        case .notARoleProfile: "not_a_role_profile"
        case .sourceProfileNotFound: "source_profile_not_found"
        case .infiniteLoop: "source_profile_loop"
        case .sourceAndCredentialSource: "source_and_credential_source"
        case .missingSourceProfile: "missing_source_profile"
        case .notRootedInSSO: "chain_not_rooted_in_sso"
        case .partialStaticKeys: "partial_static_keys"
        case .sourceWithoutCredentials: "source_without_credentials"
        case .invalidSTSRegionalEndpoints: "invalid_sts_regional_endpoints"
        case .noRegionForSTS: "no_region"
        case .notAnSSOProfile: "not_an_sso_profile"
        case .servicesSectionMissing: "services_section_missing"
        case .servicesEntryNotSubsection: "services_entry_not_subsection"
        case .notASingleValue: "config_not_a_single_value"
        case .invalidEndpointURL: "invalid_endpoint_url"
        case .readFailed: "config_read_failed"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .configuration
    }

    public var description: String {
        switch self {
        case .invalidUTF8(let file, let line):
            "\(file.path):\(line): the config file is not valid UTF-8 text (botocore cannot read it either); save it as UTF-8"
        case .nulByte(let file, let line):
            "\(file.path):\(line): the config file contains a NUL byte, so it is not a text file (it may be damaged); remove the byte"
        case .byteOrderMark(let file):
            "\(file.path):1: the config file starts with a UTF-8 byte-order mark, which makes botocore refuse its first line; save it without the BOM"
        case .malformedSectionHeader(let file, let line):
            "\(file.path):\(line): malformed section header; write it on one line as [default], [profile NAME], [sso-session NAME] or [services NAME]"
        case .keyOutsideSection(let file, let line):
            "\(file.path):\(line): this line comes before any section header; put it under [default] or a [profile NAME] section"
        case .malformedLine(let file, let line, let section):
            "\(file.path):\(line): this line in [\(section)] is not `key = value`, a comment (# or ;) or a section header"
        case .duplicateSection(let file, let line, let header, let firstLine):
            "\(file.path):\(line): the section [\(header)] appears again (first at line \(firstLine)), which botocore refuses; merge the two"
        case .duplicateKey(let file, let line, let section, let key, let firstLine):
            "\(file.path):\(line): \(key) is set twice in [\(section)] (first at line \(firstLine)), which botocore refuses; keep one"
        case .malformedSubsection(let file, let line, let section, let key):
            "\(file.path):\(line): every indented line under \(key) in [\(section)] must be `name = value`"
        case .profileNotFound(let profile, let file):
            "The config profile (\(profile)) could not be found in \(file.path)"
        case .ssoSessionNotFound(let profile?, let session, let file, let line):
            "\(Self.location(file, line)): The specified sso-session does not exist: \"\(session)\" (profile \"\(profile)\"); add an [sso-session \(session)] section"
        case .ssoSessionNotFound(nil, let session, let file, _):
            "\(file.path): The specified sso-session does not exist: \"\(session)\""
        case .inconsistentValue(
            let key, let profileValue, let sessionValue, let profile, let session, let file, let line):
            "\(file.path):\(line): The value for \(key) is inconsistent between profile (\(profileValue)) and sso-session (\(sessionValue)). (profile \"\(profile)\", sso-session \"\(session)\"); remove \(key) from the profile or make the values equal"
        case .missingRequiredKeys(let profile, let keys, let file, let line):
            "\(file.path):\(line): The profile \"\(profile)\" is configured to use SSO but is missing required configuration: \(keys.joined(separator: ", "))"
        case .ssoSessionMissingKeys(let profile?, let session, let keys, let file, let line):
            "\(file.path):\(line): The profile \"\(profile)\" is configured to use the SSO token provider but is missing the following configuration: \(Self.pythonList(keys)). (in [sso-session \(session)])"
        case .ssoSessionMissingKeys(nil, let session, let keys, let file, let line):
            "\(file.path):\(line): The sso-session \"\(session)\" is missing required configuration: \(keys.joined(separator: ", "))"
        case .notARoleProfile(let profile, let file, let line):
            "\(file.path):\(line): The profile \"\(profile)\" has no role_arn, so it is not a role chain"
        case .sourceProfileNotFound(let profile, let source, let file, let line):
            "\(file.path):\(line): The source_profile \"\(source)\" referenced in the profile \"\(profile)\" does not exist. (multisso reads profiles from the config file only, not from ~/.aws/credentials)"
        case .infiniteLoop(let source, let visited, let file, let line):
            "\(file.path):\(line): Infinite loop in credential configuration detected. Attempting to load from profile \(source) which has already been visited. Visited profiles: \(Self.pythonList(visited)); change a source_profile to break the cycle"
        case .sourceAndCredentialSource(let profile, let file, let line):
            "\(file.path):\(line): The profile \"\(profile)\" contains both source_profile and credential_source."
        case .missingSourceProfile(let profile, let file, let line):
            "\(file.path):\(line): Partial credentials found in assume-role, missing: source_profile or credential_source (profile \"\(profile)\"); add source_profile = the profile whose credentials assume the role"
        case .notRootedInSSO(let profile, let root, let how, let file, let line):
            "\(file.path):\(line): The role chain of profile \"\(profile)\" is not rooted in SSO: profile \"\(root)\" gets its credentials from \(how), which multisso does not fetch; use the AWS CLI for this profile, or make the root an SSO profile"
        case .partialStaticKeys(let profile, let missing, let file, let line):
            "\(file.path):\(line): Partial credentials found in config-file, missing: \(missing) (profile \"\(profile)\")"
        case .sourceWithoutCredentials(let source, let profile, let file, let line):
            "\(file.path):\(line): The source profile \"\(source)\" must have credentials. (source of profile \"\(profile)\"); give it SSO settings, static keys or a role_arn"
        case .noRegionForSTS(let profile, let file, let line):
            "\(file.path):\(line): You must specify a region. (profile \"\(profile)\" sends AssumeRole to a configured STS endpoint); set region in the profile or AWS_DEFAULT_REGION"
        case .invalidSTSRegionalEndpoints(let value, let source):
            "STS regional endpoints option \(value) is invalid. Valid options are: \"legacy\", \"regional\" (from \(source))"
        case .notAnSSOProfile(let profile, let file, let line):
            "\(file.path):\(line): The profile \"\(profile)\" is not configured for SSO (it has none of sso_session, sso_account_id, sso_role_name, sso_start_url)"
        case .servicesSectionMissing(let profile, let services, let file, let line):
            "\(file.path):\(line): The profile is configured to use the services section but the \"\(services)\" services configuration does not exist. (profile \"\(profile)\")"
        case .servicesEntryNotSubsection(let services, let key, let file, let line):
            "\(file.path):\(line): \(key) in [services \(services)] must be an indented sub-section (`\(key) =` then an indented `endpoint_url = URL` line)"
        case .notASingleValue(let key, let section, let file, let line):
            "\(file.path):\(line): \(key) in [\(section)] must be a single value, not an indented sub-section"
        case .invalidEndpointURL(let url, let source):
            "Invalid endpoint: \(url) (from \(source)); an endpoint URL needs http:// or https:// and a host"
        case .readFailed(let error):
            error.description
        }
    }

    private static func location(_ file: URL, _ line: Int?) -> String {
        line.map { "\(file.path):\($0)" } ?? file.path
    }

    /// Python's `repr` of a list of strings, as botocore's token-provider message prints it.
    private static func pythonList(_ items: [String]) -> String {
        "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
    }
}
