public import Foundation

/// The temporary credentials of one role, however they came (GetRoleCredentials, STS AssumeRole, a
/// cache file) and wherever they go (a cache file, a child's environment, the credential server).
///
/// One type, so that every layer passes the same values and every one of them prints them the same
/// safe way: `description`, `debugDescription` and `dump` show the first four characters of the key
/// ID and never the secret access key or the session token.
public struct RoleCredentials: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The access key ID (`ASIA…`).
    public var accessKeyID: String
    /// The secret access key (secret).
    public var secretAccessKey: String
    /// The session token (secret).
    public var sessionToken: String
    /// When the credentials expire (whole seconds in cache files, as botocore stores them).
    public var expiration: Date
    /// The account, when the source names it (recent botocore writes it to the cache).
    public var accountID: String?

    public init(
        accessKeyID: String, secretAccessKey: String, sessionToken: String, expiration: Date, accountID: String? = nil
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.accountID = accountID
    }

    /// The key ID shortened, the secret key and the token redacted.
    public var description: String {
        "RoleCredentials(accessKeyID: \(Self.maskedKeyID(accessKeyID)), secretAccessKey: <redacted>, "
            + "sessionToken: <redacted>, expiration: \(CacheTimestamp.format(expiration)), accountID: \(accountID ?? "nil"))"
    }

    /// The same as ``description``: `String(reflecting:)` and `debugPrint` must not show secrets either.
    public var debugDescription: String { description }

    /// What `dump` and debuggers show: the same redacted fields.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": Self.maskedKeyID(accessKeyID), "secretAccessKey": "<redacted>",
                "sessionToken": "<redacted>",
                "expiration": CacheTimestamp.format(expiration), "accountID": accountID ?? "nil",
            ],
            displayStyle: .struct)
    }

    /// The first four characters of a key ID followed by `****`, as aws-vault displays keys.
    public static func maskedKeyID(_ keyID: String) -> String {
        keyID.count <= 4 ? "****" : String(keyID.prefix(4)) + "****"
    }
}
