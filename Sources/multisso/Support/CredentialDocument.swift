import AWSFormats
import FileStore
import Foundation
import ParallelExec
import SessionActors

/// Renders role credentials in the formats other tools read: the `credential_process` Version 1 JSON
/// document, shell exports (sh, fish, PowerShell) and a credentials-file section.
enum CredentialDocument {
    /// The Version 1 document (2-space indented like `aws configure export-credentials --format process`).
    static func process(_ credentials: RoleCredentials) -> String {
        var fields: [(String, String)] = [
            ("AccessKeyId", credentials.accessKeyID),
            ("SecretAccessKey", credentials.secretAccessKey),
            ("SessionToken", credentials.sessionToken),
            ("Expiration", CacheTimestamp.format(credentials.expiration)),
        ]
        if let accountID = credentials.accountID { fields.append(("AccountId", accountID)) }
        var text = "{\n  \"Version\": 1"
        for (key, value) in fields { text += ",\n  \"\(key)\": \(PythonJSON.quote(value))" }
        return text + "\n}\n"
    }

    static func env(_ credentials: RoleCredentials, region: String?) -> String {
        variables(credentials, region: region).map { "export \($0.0)=\(shellQuoted($0.1))\n" }.joined()
    }

    static func fish(_ credentials: RoleCredentials, region: String?) -> String {
        variables(credentials, region: region).map { "set -gx \($0.0) \(shellQuoted($0.1));\n" }.joined()
    }

    static func powershell(_ credentials: RoleCredentials, region: String?) -> String {
        variables(credentials, region: region).map {
            "$Env:\($0.0)=\"\($0.1.replacingOccurrences(of: "\"", with: "`\""))\"\n"
        }.joined()
    }

    static func credentialsFile(_ credentials: RoleCredentials, profile: String) -> String {
        """
        [\(profile)]
        aws_access_key_id = \(credentials.accessKeyID)
        aws_secret_access_key = \(credentials.secretAccessKey)
        aws_session_token = \(credentials.sessionToken)

        """
    }

    /// The variables `exec` sets too (its names), with the profile's region when it has one.
    private static func variables(_ credentials: RoleCredentials, region: String?) -> [(String, String)] {
        typealias Name = CredentialEnvironment.Variable
        var variables = [
            (Name.accessKeyID, credentials.accessKeyID),
            (Name.secretAccessKey, credentials.secretAccessKey),
            (Name.sessionToken, credentials.sessionToken),
            (Name.credentialExpiration, CacheTimestamp.format(credentials.expiration)),
        ]
        if let region, !region.isEmpty { variables += [(Name.region, region), (Name.defaultRegion, region)] }
        return variables
    }

    /// Single-quoted for sh and fish: inert whatever it contains.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
