import AWSFormats
public import Foundation

/// One portal login as the AWS CLI v2 stores it in `~/.aws/sso/cache/<sha1>.json`: the access token, and
/// the registration and refresh token needed to refresh it. `description` never shows a secret.
public struct CachedToken: Sendable, Equatable, CustomStringConvertible {
    /// The start URL exactly as configured.
    public var startURL: String
    /// The sso_region.
    public var region: String
    public var accessToken: String
    public var expiresAt: Date
    public var clientID: String?
    public var clientSecret: String?
    public var registrationExpiresAt: Date?
    public var refreshToken: String?

    public init(
        startURL: String, region: String, accessToken: String, expiresAt: Date,
        clientID: String? = nil, clientSecret: String? = nil, registrationExpiresAt: Date? = nil,
        refreshToken: String? = nil
    ) {
        self.startURL = startURL
        self.region = region
        self.accessToken = accessToken
        self.expiresAt = expiresAt
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.registrationExpiresAt = registrationExpiresAt
        self.refreshToken = refreshToken
    }

    public var description: String {
        "CachedToken(startURL: \(startURL), region: \(region), accessToken: <redacted>, "
            + "expiresAt: \(CacheTimestamp.format(expiresAt)), clientID: \(clientID ?? "nil"), "
            + "clientSecret: \(clientSecret == nil ? "nil" : "<redacted>"), registrationExpiresAt: "
            + "\(registrationExpiresAt.map(CacheTimestamp.format) ?? "nil"), "
            + "refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"))"
    }

    /// The file content, in the AWS CLI v2's key order (botocore rewrites exactly these keys on refresh).
    var jsonValue: PythonJSON.Value {
        var members: [(key: String, value: PythonJSON.Value)] = [
            ("startUrl", .string(startURL)),
            ("region", .string(region)),
            ("accessToken", .string(accessToken)),
            ("expiresAt", .string(CacheTimestamp.format(expiresAt))),
        ]
        if let clientID { members.append(("clientId", .string(clientID))) }
        if let clientSecret { members.append(("clientSecret", .string(clientSecret))) }
        if let registrationExpiresAt {
            members.append(("registrationExpiresAt", .string(CacheTimestamp.format(registrationExpiresAt))))
        }
        if let refreshToken { members.append(("refreshToken", .string(refreshToken))) }
        return .object(members)
    }

    /// Reads the fields botocore and the CLI write; unknown fields are ignored.
    init(json: CacheJSONObject) throws(CacheError) {
        // botocore itself requires only accessToken and expiresAt; multisso also needs the portal.
        self.init(
            startURL: try json.string("startUrl"),
            region: try json.string("region"),
            accessToken: try json.string("accessToken"),
            expiresAt: try json.timestamp("expiresAt"),
            clientID: try json.optionalString("clientId"),
            clientSecret: try json.optionalString("clientSecret"),
            registrationExpiresAt: try json.optionalTimestamp("registrationExpiresAt"),
            refreshToken: try json.optionalString("refreshToken")
        )
    }
}
