import AWSFormats
public import Foundation

/// Role credentials in the layout the AWS CLI v2 keeps in `~/.aws/cli/cache`, so `aws` commands reuse
/// what multisso fetched. `description` never shows the secret key or session token.
public struct CachedRoleCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String
    /// Stored truncated to whole seconds, as botocore stores it.
    public var expiration: Date
    /// Written by recent botocore; optional when reading.
    public var accountID: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String, expiration: Date,
                accountID: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.accountID = accountID
    }

    public var description: String {
        "CachedRoleCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, sessionToken: <redacted>, "
            + "expiration: \(CacheTimestamp.format(expiration)), accountID: \(accountID ?? "nil"))"
    }

    /// `{"ProviderType": "sso", "Credentials": {...}}` in botocore's key order.
    var jsonValue: PythonJSON.Value {
        var credentials: [(key: String, value: PythonJSON.Value)] = [
            ("AccessKeyId", .string(accessKeyID)),
            ("SecretAccessKey", .string(secretAccessKey)),
            ("SessionToken", .string(sessionToken)),
            ("Expiration", .string(CacheTimestamp.format(expiration))),
        ]
        if let accountID { credentials.append(("AccountId", .string(accountID))) }
        return .object([("ProviderType", .string("sso")), ("Credentials", .object(credentials))])
    }

    init(json: CacheJSONObject) throws(CacheError) {
        let credentials = try json.object("Credentials")
        self.init(
            accessKeyID: try credentials.string("AccessKeyId"),
            secretAccessKey: try credentials.string("SecretAccessKey"),
            sessionToken: try credentials.string("SessionToken"),
            expiration: try credentials.timestamp("Expiration"),
            accountID: try credentials.optionalString("AccountId")
        )
    }
}
