public import Foundation

/// The default endpoints of the two services, as botocore's endpoint rule sets build them from
/// the SSO region (`sso_region`, not the profile's `region`).
public enum SSOEndpoints {
    /// `https://oidc.{region}.{dnsSuffix}`: RegisterClient, StartDeviceAuthorization, CreateToken.
    public static func oidc(region: String) -> URL {
        endpoint(prefix: "oidc", region: region)
    }

    /// `https://portal.sso.{region}.{dnsSuffix}`: GetRoleCredentials, ListAccounts, ListAccountRoles, Logout.
    public static func portal(region: String) -> URL {
        endpoint(prefix: "portal.sso", region: region)
    }

    /// The partition's DNS suffix for a region (`amazonaws.com`, `amazonaws.com.cn`, `amazonaws.eu`).
    public static func dnsSuffix(region: String) -> String {
        if region.hasPrefix("cn-") { return "amazonaws.com.cn" }
        if region.hasPrefix("eusc-") { return "amazonaws.eu" }
        return "amazonaws.com"
    }

    /// Whether a region name can be used in a host name (lower-case letters, digits and `-`).
    public static func isValidRegion(_ region: String) -> Bool {
        !region.isEmpty
            && region.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            }
    }

    private static func endpoint(prefix: String, region: String) -> URL {
        // An invalid region is percent-encoded into the host so that the request fails with a
        // connection error naming the host instead of silently going somewhere else.
        let label = isValidRegion(region) ? region : PercentEncoding.encode(region)
        var components = URLComponents()
        components.scheme = "https"
        components.percentEncodedHost = "\(prefix).\(label).\(dnsSuffix(region: region))"
        return components.url ?? URL(fileURLWithPath: "/invalid-region")
    }
}
