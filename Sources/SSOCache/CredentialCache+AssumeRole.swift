public import AWSFormats
import FileStore
public import Foundation

/// Assumed-role credentials in `~/.aws/cli/cache`, in the layout botocore's `JSONFileCache` gives an
/// AssumeRole response (`Credentials` with an ISO 8601 `Expiration`, and `AssumedRoleUser`), so the
/// AWS CLI and botocore use what multisso assumed, and multisso uses what they assumed.
extension CredentialCache {
    /// The file of an assumed role.
    public func url(for key: AssumeRoleCacheKey) -> URL {
        directory.appendingPathComponent(key.fileName, isDirectory: false)
    }

    /// Reads an assumed role's cached credentials; nil when there is no file.
    /// - Throws: `CacheError` naming the file when it is malformed, a link, a folder or too large.
    public func read(_ key: AssumeRoleCacheKey) throws(CacheError) -> RoleCredentials? {
        guard let json = try CacheFile.read(url(for: key)) else { return nil }
        return try RoleCredentials(json: json)
    }

    /// Replaces an assumed role's file atomically (0600 in a 0700 folder).
    /// - Parameters:
    ///   - arn: the assumed-role user's ARN; `roleID` its `AssumedRoleId`.
    public func write(_ credentials: RoleCredentials, arn: String, roleID: String, for key: AssumeRoleCacheKey)
        throws(CacheError)
    {
        let expiration = String(CacheTimestamp.format(credentials.expiration).dropLast()) + "+00:00"
        let value = PythonJSON.Value.object([
            (
                "Credentials",
                .object([
                    ("AccessKeyId", .string(credentials.accessKeyID)),
                    ("SecretAccessKey", .string(credentials.secretAccessKey)),
                    ("SessionToken", .string(credentials.sessionToken)),
                    ("Expiration", .string(expiration)),
                ])
            ),
            ("AssumedRoleUser", .object([("AssumedRoleId", .string(roleID)), ("Arn", .string(arn))])),
        ])
        try CacheFile.write(value, to: url(for: key), durability: .atomic)
    }

    /// Deletes an assumed role's file; a missing file is not an error.
    public func delete(_ key: AssumeRoleCacheKey) throws(CacheError) {
        try CacheFile.delete(url(for: key))
    }
}
