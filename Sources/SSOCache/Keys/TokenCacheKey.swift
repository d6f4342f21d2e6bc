/// Names the token file of one portal login in `~/.aws/sso/cache`, as the AWS CLI v2 and botocore name it.
public enum TokenCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// A profile that uses `sso_session`: keyed by the session name.
    case session(name: String)
    /// A legacy profile with `sso_start_url`: keyed by the start URL exactly as configured (not normalised).
    case startURL(String)

    /// The string whose SHA-1 names the file.
    public var hashInput: String {
        switch self {
        case .session(let name): name
        case .startURL(let url): url
        }
    }

    /// The lowercase hex SHA-1 of `hashInput`.
    public var hash: String { SHA1Hex.digest(hashInput) }

    /// `"<sha1>.json"`.
    public var fileName: String { hash + ".json" }

    public var description: String {
        switch self {
        case .session(let name): "sso-session \(name)"
        case .startURL(let url): "start URL \(url)"
        }
    }
}
