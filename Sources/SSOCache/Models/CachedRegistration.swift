import AWSFormats
public import Foundation

/// An OIDC client registration as the AWS CLI v2 caches it beside the tokens, so that logins reuse it.
/// `description` never shows the client secret.
public struct CachedRegistration: Sendable, Equatable, CustomStringConvertible {
    public var clientID: String
    public var clientSecret: String
    /// When the client secret expires (`clientSecretExpiresAt`).
    public var expiresAt: Date
    /// The scopes registered, when scopes were sent (PKCE always sends them).
    public var scopes: [String]?
    /// The grant types registered: `["authorization_code", "refresh_token"]` for PKCE, nil for device code.
    public var grantTypes: [String]?

    public init(
        clientID: String, clientSecret: String, expiresAt: Date, scopes: [String]? = nil,
        grantTypes: [String]? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.expiresAt = expiresAt
        self.scopes = scopes
        self.grantTypes = grantTypes
    }

    public var description: String {
        "CachedRegistration(clientID: \(clientID), clientSecret: <redacted>, "
            + "expiresAt: \(CacheTimestamp.format(expiresAt)), scopes: \(scopes ?? []), grantTypes: \(grantTypes ?? []))"
    }

    /// The file content, in the AWS CLI v2's key order.
    var jsonValue: PythonJSON.Value {
        var members: [(key: String, value: PythonJSON.Value)] = [
            ("clientId", .string(clientID)),
            ("clientSecret", .string(clientSecret)),
            ("expiresAt", .string(CacheTimestamp.format(expiresAt))),
        ]
        if let scopes { members.append(("scopes", .array(scopes.map(PythonJSON.Value.string)))) }
        if let grantTypes { members.append(("grantTypes", .array(grantTypes.map(PythonJSON.Value.string)))) }
        return .object(members)
    }

    init(json: CacheJSONObject) throws(CacheError) {
        self.init(
            clientID: try json.string("clientId"),
            clientSecret: try json.string("clientSecret"),
            expiresAt: try json.timestamp("expiresAt"),
            scopes: try json.optionalStrings("scopes"),
            grantTypes: try json.optionalStrings("grantTypes")
        )
    }
}
