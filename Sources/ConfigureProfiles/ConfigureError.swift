public import FailureKinds

/// Why `multisso configure` or `configure generate` could not write profiles.
public enum ConfigureError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    /// The name template cannot be used.
    case invalidTemplate(template: String, reason: String)
    /// The sso-session is not in the config file and there is no start URL and region to create it.
    case ssoSessionMissing(session: String, file: String)
    /// The sso-session exists with other settings than the ones given on the command line.
    case ssoSessionConflict(session: String, key: String, configured: String, given: String, file: String, line: Int)
    /// A start URL that is not an http(s) URL.
    case invalidStartURL(String)
    /// The portal shows no account at all.
    case noAccounts(startURL: String)
    /// The portal shows no role in the chosen account.
    case noRoles(accountID: String)

    /// A short stable identifier for JSON output and exit-code mapping.
    public var code: String {
        switch self {
        case .invalidTemplate: "invalid-template"
        case .ssoSessionMissing: "sso-session-missing"
        case .ssoSessionConflict: "sso-session-conflict"
        case .invalidStartURL: "invalid-start-url"
        case .noAccounts: "no-accounts"
        case .noRoles: "no-roles"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .configuration
    }

    public var description: String {
        switch self {
        case .invalidTemplate(let template, let reason):
            "The profile name template \"\(template)\" cannot be used: \(reason)."
        case .ssoSessionMissing(let session, let file):
            "The sso-session \"\(session)\" does not exist in \(file); give --start-url and --region to create it, "
                + "or run `multisso configure` first."
        case .ssoSessionConflict(let session, let key, let configured, let given, let file, let line):
            "The sso-session \"\(session)\" (\(file), line \(line)) has \(key) = \(configured), not \(given); "
                + "drop the option to use the configured value, or choose another session name."
        case .invalidStartURL(let url):
            "\"\(url)\" is not a valid start URL; give the https URL of your AWS access portal."
        case .noAccounts(let startURL):
            "No AWS accounts are available to you on \(startURL)."
        case .noRoles(let accountID):
            "No roles are available for the account \(accountID)."
        }
    }
}
