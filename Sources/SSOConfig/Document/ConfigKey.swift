import Foundation

/// The keys resolution reads for every profile, numbered when the file is read, so that looking one
/// up in a section compares a byte instead of a string (a command over 10,000 profiles makes about a
/// hundred such look-ups per profile). Any other key is `.other` and is compared as a string.
enum ConfigKey: UInt8, CaseIterable, Sendable {
    case other
    case ssoSession, ssoStartURL, ssoRegion, ssoAccountID, ssoRoleName, ssoRegistrationScopes, ssoUseDeviceCode
    case region, output, services, endpointURL, ignoreConfiguredEndpointURLs
    case roleARN, webIdentityTokenFile, sourceProfile, credentialSource, credentialProcess
    case awsAccessKeyID, awsSecretAccessKey, awsSessionToken, awsSecurityToken

    /// The key as configparser stores it (lower case).
    var name: String {
        switch self {
        case .other: ""
        case .ssoSession: "sso_session"
        case .ssoStartURL: "sso_start_url"
        case .ssoRegion: "sso_region"
        case .ssoAccountID: "sso_account_id"
        case .ssoRoleName: "sso_role_name"
        case .ssoRegistrationScopes: "sso_registration_scopes"
        case .ssoUseDeviceCode: "sso_use_device_code"
        case .region: "region"
        case .output: "output"
        case .services: "services"
        case .endpointURL: "endpoint_url"
        case .ignoreConfiguredEndpointURLs: "ignore_configured_endpoint_urls"
        case .roleARN: "role_arn"
        case .webIdentityTokenFile: "web_identity_token_file"
        case .sourceProfile: "source_profile"
        case .credentialSource: "credential_source"
        case .credentialProcess: "credential_process"
        case .awsAccessKeyID: "aws_access_key_id"
        case .awsSecretAccessKey: "aws_secret_access_key"
        case .awsSessionToken: "aws_session_token"
        case .awsSecurityToken: "aws_security_token"
        }
    }

    /// The known keys by the length of their name, each with its bytes.
    private static let byLength: [[(key: ConfigKey, bytes: [UInt8])]] = {
        let known = allCases.filter { $0 != .other }
        var table = [[(key: ConfigKey, bytes: [UInt8])]](
            repeating: [], count: (known.map(\.name.utf8.count).max() ?? 0) + 1)
        for key in known { table[key.name.utf8.count].append((key, Array(key.name.utf8))) }
        return table
    }()

    /// The key whose name is exactly `name` (already lower-cased), or `.other`.
    init(_ name: String) {
        var name = name
        self = name.withUTF8 { Self.matching($0) }
    }

    /// The key whose name is exactly the bytes `bytes` (lower case ASCII), or `.other`.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self = Self.matching(bytes)
    }

    private static func matching(_ bytes: UnsafeBufferPointer<UInt8>) -> ConfigKey {
        guard let base = bytes.baseAddress, bytes.count < byLength.count else { return .other }
        for candidate in byLength[bytes.count] {
            let equal = candidate.bytes.withUnsafeBufferPointer { known in
                known.baseAddress.map { memcmp($0, base, bytes.count) == 0 } ?? false
            }
            if equal { return candidate.key }
        }
        return .other
    }
}

/// An entry that knows its key's ``ConfigKey``.
protocol ConfigKeyed {
    var code: ConfigKey { get }
}

extension ConfigEntry: ConfigKeyed {}
extension LexedEntry: ConfigKeyed {}

extension Array where Element: ConfigKeyed {
    /// The index of the first entry with `key`. Read through the buffer: a scan by `first(where:)`
    /// copied (retained and released) every entry it passed, most of the cost of a look-up.
    func firstIndex(of key: ConfigKey) -> Int? {
        withUnsafeBufferPointer { buffer in
            for index in buffer.indices where buffer[index].code == key { return index }
            return nil
        }
    }
}
