import AWSFormats
import Foundation

/// Role credentials in the layout the AWS CLI v2 keeps in `~/.aws/cli/cache`, so `aws` commands reuse
/// what multisso fetched.
extension RoleCredentials {
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
