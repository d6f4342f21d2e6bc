import AWSFormats
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Builds the environment of a child process that runs with one profile's role credentials.
///
/// The base environment is passed in (the library never reads the process environment). The
/// result follows the union of aws-vault's and the AWS CLI's variables: credential,
/// expiration, region and account variables are set; profile-selecting and stale credential
/// variables are removed so that an SDK in the child cannot pick up another identity.
public enum CredentialEnvironment {
    /// Names of the variables `exec` sets, spelled once.
    public enum Variable {
        public static let accessKeyID = "AWS_ACCESS_KEY_ID"
        public static let secretAccessKey = "AWS_SECRET_ACCESS_KEY"
        public static let sessionToken = "AWS_SESSION_TOKEN"
        public static let securityToken = "AWS_SECURITY_TOKEN"
        public static let credentialExpiration = "AWS_CREDENTIAL_EXPIRATION"
        public static let sessionExpiration = "AWS_SESSION_EXPIRATION"
        public static let region = "AWS_REGION"
        public static let defaultRegion = "AWS_DEFAULT_REGION"
        public static let accountID = "AWS_ACCOUNT_ID"
        /// The marker naming the profile the child runs as (like aws-vault's `AWS_VAULT`).
        public static let profileMarker = "MULTISSO_PROFILE"
        /// The container credentials protocol's variables (`exec --server`).
        public static let containerFullURI = "AWS_CONTAINER_CREDENTIALS_FULL_URI"
        public static let containerRelativeURI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
        public static let containerToken = "AWS_CONTAINER_AUTHORIZATION_TOKEN"
        public static let containerTokenFile = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
    }

    /// Variables removed from the base environment before the profile's own are set: the ones that
    /// select a profile or a credentials file, and any credential left over from an outer session.
    public static let removedVariables: [String] = [
        "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SDK_LOAD_CONFIG", "AWS_CREDENTIAL_FILE",
        Variable.accessKeyID, Variable.secretAccessKey, Variable.sessionToken, Variable.securityToken,
        Variable.credentialExpiration, Variable.sessionExpiration, Variable.accountID, Variable.profileMarker,
        Variable.containerFullURI, Variable.containerRelativeURI, Variable.containerToken, Variable.containerTokenFile,
    ]

    /// The child's environment for one target.
    ///
    /// Region variables are replaced only when the target has a region; otherwise any region in
    /// the base environment is kept (as aws-vault does).
    /// - Parameters:
    ///   - base: the environment to start from, usually the parent's, passed in by the caller.
    ///   - target: the profile and its credentials.
    /// - Returns: the complete environment for the child.
    public static func environment(base: [String: String], for target: ExecTarget) -> [String: String] {
        var result = base
        for name in removedVariables {
            result.removeValue(forKey: name)
        }
        if let server = target.server {
            result[Variable.containerFullURI] = server.url
            result[Variable.containerTokenFile] = server.tokenFile
        } else {
            let credentials = target.credentials
            let expiration = CacheTimestamp.format(credentials.expiration)
            result[Variable.accessKeyID] = credentials.accessKeyID
            result[Variable.secretAccessKey] = credentials.secretAccessKey
            result[Variable.sessionToken] = credentials.sessionToken
            result[Variable.securityToken] = credentials.sessionToken
            result[Variable.credentialExpiration] = expiration
            result[Variable.sessionExpiration] = expiration
        }
        result[Variable.accountID] = target.accountID
        result[Variable.profileMarker] = target.profile
        if let region = target.region, !region.isEmpty {
            result[Variable.region] = region
            result[Variable.defaultRegion] = region
        }
        return result
    }
}
