import AWSFormats

/// Names the client registration file in `~/.aws/sso/cache`: the SHA-1 of the AWS CLI v2's
/// `json.dumps({"tool": "botocore", "startUrl", "region", "scopes", "session_name"}, sort_keys=True)`.
public struct RegistrationCacheKey: Sendable, Hashable {
    public var startURL: String
    public var region: String
    /// The configured `sso_registration_scopes`, or nil when not configured (even when PKCE registers
    /// the default scope, the key has `null`).
    public var scopes: [String]?
    /// The sso-session name, or nil for a legacy profile.
    public var sessionName: String?

    public init(startURL: String, region: String, scopes: [String]?, sessionName: String?) {
        self.startURL = startURL
        self.region = region
        self.scopes = scopes
        self.sessionName = sessionName
    }

    /// The exact JSON text that is hashed.
    public var hashInput: String {
        let value = PythonJSON.Value.object([
            ("tool", .string("botocore")),
            ("startUrl", .string(startURL)),
            ("region", .string(region)),
            ("scopes", scopes.map { .array($0.map(PythonJSON.Value.string)) } ?? .null),
            ("session_name", sessionName.map(PythonJSON.Value.string) ?? .null),
        ])
        return PythonJSON.encode(value, separators: .standard, sortKeys: true)
    }

    /// The lowercase hex SHA-1 of `hashInput`.
    public var hash: String { SHA1Hex.digest(hashInput) }

    /// `"<sha1>.json"`.
    public var fileName: String { hash + ".json" }
}
