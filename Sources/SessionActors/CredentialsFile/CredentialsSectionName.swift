import Foundation
public import SSOConfig

/// The section name a profile's credentials get in the shared credentials file: `--name-template`
/// with `{profile}`, `{account_id}`, `{role_name}` and `{sso_session}` (the session name, or empty for
/// a legacy profile).
public struct CredentialsSectionName: Sendable, Hashable {
    public static let placeholders = ["profile", "account_id", "role_name", "sso_session"]
    /// The template of the default name: the profile's own name, which the AWS CLI and SDKs keep using
    /// through SSO (a profile's SSO keys come before the credentials file's keys of the same name).
    public static let defaultTemplate = "{profile}"

    public let template: String

    /// - Throws: ``CredentialsFileError/unknownPlaceholder(_:)`` for a `{name}` that is not a placeholder.
    public init(template: String) throws(CredentialsFileError) {
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            guard Self.placeholders.contains(name) else { throw .unknownPlaceholder(name) }
            rest = rest[rest.index(after: close)...]
        }
        self.template = template
    }

    /// The name for `profile`.
    /// - Throws: ``CredentialsFileError/invalidName(name:profile:)`` when the result cannot be a header.
    public func name(for profile: SSOProfile) throws(CredentialsFileError) -> String {
        let name =
            template
            .replacingOccurrences(of: "{profile}", with: profile.name)
            .replacingOccurrences(of: "{account_id}", with: profile.accountID)
            .replacingOccurrences(of: "{role_name}", with: profile.roleName)
            .replacingOccurrences(of: "{sso_session}", with: profile.session.name ?? "")
        let invalid =
            name.isEmpty || name.contains("]") || name.contains("\n") || name.contains("\r")
            || name.first?.isWhitespace == true || name.last?.isWhitespace == true
        if invalid { throw .invalidName(name: name, profile: profile.name) }
        return name
    }
}
