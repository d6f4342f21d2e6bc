import AWSFormats
import Foundation
import SessionActors

/// The JSON documents the SDKs' container and instance-metadata providers read.
enum ContainerCredentials {
    /// `AccessKeyId`, `SecretAccessKey`, `Token`, `Expiration` (and `AccountId`), as ECS serves them.
    static func document(_ credentials: RoleCredentials) -> String {
        var fields = [
            ("AccessKeyId", credentials.accessKeyID),
            ("SecretAccessKey", credentials.secretAccessKey),
            ("Token", credentials.sessionToken),
            ("Expiration", CacheTimestamp.format(credentials.expiration)),
        ]
        if let accountID = credentials.accountID { fields.append(("AccountId", accountID)) }
        return JSONText.object(fields)
    }

    /// The IMDS security-credentials document (`Code: Success`, `Type: AWS-HMAC`).
    static func instanceDocument(_ credentials: RoleCredentials, now: Date) -> String {
        JSONText.object([
            ("Code", "Success"),
            ("LastUpdated", CacheTimestamp.format(now)),
            ("Type", "AWS-HMAC"),
            ("AccessKeyId", credentials.accessKeyID),
            ("SecretAccessKey", credentials.secretAccessKey),
            ("Token", credentials.sessionToken),
            ("Expiration", CacheTimestamp.format(credentials.expiration)),
        ])
    }
}
