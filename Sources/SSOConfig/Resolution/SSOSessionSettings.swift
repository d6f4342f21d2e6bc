/// The settings of one portal login: an `[sso-session]` section, or the legacy keys of a profile.
/// Profiles that share these settings share one login.
public struct SSOSessionSettings: Sendable, Hashable {
    /// The sso-session name; nil for a legacy profile (start URL in the profile).
    public var name: String?
    /// `sso_start_url`, exactly as configured (cache keys use it unchanged).
    public var startURL: String
    /// `sso_region`: where the OIDC and portal endpoints are.
    public var region: String
    /// `sso_registration_scopes` split on ",", trimmed, empties dropped; nil when not configured or empty.
    public var registrationScopes: [String]?
    /// `sso_use_device_code = true` (case-insensitive "true", as botocore reads booleans).
    public var useDeviceCode: Bool

    public init(name: String?, startURL: String, region: String, registrationScopes: [String]?, useDeviceCode: Bool) {
        self.name = name
        self.startURL = startURL
        self.region = region
        self.registrationScopes = registrationScopes
        self.useDeviceCode = useDeviceCode
    }

    /// Parses `sso_registration_scopes` as the AWS CLI does.
    static func parseScopes(_ raw: String?) -> [String]? {
        guard let raw else { return nil }
        let scopes = raw.split(separator: ",", omittingEmptySubsequences: false)
            .map { PythonText.strip(String($0)) }
            .filter { !$0.isEmpty }
        return scopes.isEmpty ? nil : scopes
    }

    /// botocore's `ensure_boolean` for a string: true only for "true" in any case.
    static func isTrue(_ raw: String?) -> Bool {
        raw.map { PythonText.lower($0) == "true" } ?? false
    }
}
