import Foundation
public import SSOConfig

/// Finds or creates the `[sso-session]` that configured profiles log in through, for both
/// `configure` commands: an existing section is used as configured, a new one is written with the
/// AWS CLI's keys (`sso_start_url`, `sso_region`, `sso_registration_scopes`).
public enum SSOSessionSetup {
    /// The scopes `aws configure sso` suggests and writes for a new session.
    public static let defaultScopes = "sso:account:access"

    /// The settings of the session `name`, adding its section to `document` when it is new.
    /// - Parameters:
    ///   - startURL, region: required for a new session; for an existing one they must match it.
    ///   - scopes: `sso_registration_scopes` of a new session (comma-separated).
    /// - Throws: `ConfigureError.ssoSessionMissing`, `.ssoSessionConflict` or `.invalidStartURL`;
    ///   `ConfigError` when the existing section lacks `sso_start_url` or `sso_region`.
    public static func prepare(
        name: String, startURL: String?, region: String?, scopes: String = defaultScopes,
        config: AWSConfigFile, document: inout ConfigDocument
    ) throws -> SSOSessionSettings {
        if let section = document.section(.ssoSession(name)) {
            let settings = try config.ssoSession(named: name)
            for (key, given, configured) in [
                ("sso_start_url", startURL, settings.startURL), ("sso_region", region, settings.region),
            ] {
                guard let given, given != configured else { continue }
                throw ConfigureError.ssoSessionConflict(
                    session: name, key: key, configured: configured, given: given, file: config.file.path,
                    line: section.line(of: key) ?? section.line)
            }
            return settings
        }
        guard let startURL, let region else {
            throw ConfigureError.ssoSessionMissing(session: name, file: config.file.path)
        }
        guard isValidStartURL(startURL) else { throw ConfigureError.invalidStartURL(startURL) }
        document.addSection(
            .ssoSession(name),
            entries: [
                ("sso_start_url", startURL), ("sso_region", region), ("sso_registration_scopes", scopes),
            ])
        return SSOSessionSettings(
            name: name, startURL: startURL, region: region, registrationScopes: parseScopes(scopes),
            useDeviceCode: false)
    }

    /// An http or https URL with a host, as the AWS CLI's `is_valid_endpoint_url` requires.
    public static func isValidStartURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            return false
        }
        return scheme == "https" || scheme == "http"
    }

    /// Whether `text` is a comma-separated list of scopes without whitespace inside a scope.
    public static func isValidScopeList(_ text: String) -> Bool {
        text.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { scope in
            !scope.trimmingCharacters(in: .whitespaces).contains { $0.isWhitespace }
        }
    }

    /// `sso_registration_scopes` split as the AWS CLI splits it (nil when empty).
    public static func parseScopes(_ text: String) -> [String]? {
        let scopes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return scopes.isEmpty ? nil : scopes
    }
}
