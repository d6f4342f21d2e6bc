import AWSFormats

/// Names a role credential file in `~/.aws/cli/cache` as botocore's `SSOCredentialFetcher` does: the SHA-1 of
/// `json.dumps({"accountId", "roleName", "sessionName" | "startUrl"}, sort_keys=True, separators=(",", ":"))`.
public struct RoleCredentialCacheKey: Sendable, Hashable {
    public let accountID: String
    public let roleName: String
    /// The portal: `.session(name:)` for sso-session profiles, `.startURL` for legacy ones.
    public let portal: TokenCacheKey
    /// `"<sha1>.json"`, hashed once: every read and write of the file names it.
    public let fileName: String

    /// The key of a profile that uses `sso_session`.
    public init(accountID: String, roleName: String, sessionName: String) {
        self.init(accountID: accountID, roleName: roleName, portal: .session(name: sessionName))
    }

    /// The key of a legacy profile (start URL exactly as configured).
    public init(accountID: String, roleName: String, startURL: String) {
        self.init(accountID: accountID, roleName: roleName, portal: .startURL(startURL))
    }

    public init(accountID: String, roleName: String, portal: TokenCacheKey) {
        self.accountID = accountID
        self.roleName = roleName
        self.portal = portal
        self.fileName = SHA1Hex.digest(
            Self.hashInput(accountID: accountID, roleName: roleName, portal: portal), suffix: ".json")
    }

    /// The exact JSON text that is hashed.
    public var hashInput: String {
        Self.hashInput(accountID: accountID, roleName: roleName, portal: portal)
    }

    /// The SHA-1 hex of `hashInput`, made file-safe as botocore does (`:` and `/` become `_`; no-op for hex).
    public var hash: String {
        String(fileName.dropLast(".json".count))
    }

    private static func hashInput(accountID: String, roleName: String, portal: TokenCacheKey) -> String {
        if let plain = plainHashInput(accountID: accountID, roleName: roleName, portal: portal) { return plain }
        var members: [(key: String, value: PythonJSON.Value)] = [
            ("roleName", .string(roleName)),
            ("accountId", .string(accountID)),
        ]
        switch portal {
        case .session(let name): members.append(("sessionName", .string(name)))
        case .startURL(let url): members.append(("startUrl", .string(url)))
        }
        return PythonJSON.encode(.object(members), separators: .compact, sortKeys: true)
    }

    /// ``hashInput`` written directly when every value is printable ASCII without `"` or `\\` (what
    /// account IDs, role names and session names are), where `json.dumps` copies the text unchanged;
    /// nil otherwise. The keys are in `sort_keys` order. `login --all` and `status` name thousands.
    static func plainHashInput(accountID: String, roleName: String, portal: TokenCacheKey) -> String? {
        let (portalKey, portalValue) =
            switch portal {
            case .session(let name): ("sessionName", name)
            case .startURL(let url): ("startUrl", url)
            }
        func isPlain(_ text: String) -> Bool {
            text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        }
        guard isPlain(accountID), isPlain(roleName), isPlain(portalValue) else { return nil }
        // Appended to one string of the full length: each `+` of an expression made a string of its own.
        var input = "{\"accountId\":\""
        input.reserveCapacity(48 + accountID.utf8.count + roleName.utf8.count + portalValue.utf8.count)
        input += accountID
        input += "\",\"roleName\":\""
        input += roleName
        input += "\",\""
        input += portalKey
        input += "\":\""
        input += portalValue
        input += "\"}"
        return input
    }

}
