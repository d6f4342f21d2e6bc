public import FailureKinds
public import SSOWire

/// Why a console sign-in could not be prepared or opened. Messages name the flag, profile or config
/// key at fault and what to do; none ever holds a credential, a sign-in token or a sign-in URL.
public enum ConsoleError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    /// `--duration` is not a length from 15 minutes to 12 hours.
    case invalidDuration(String)
    /// `--service` is not a console service name.
    case invalidService(String)
    /// A region (from `--region` or a profile's `region`) cannot be used in a console URL.
    case invalidRegion(region: String, source: String)
    /// `--destination` is not an https URL.
    case invalidDestination(String)
    /// `--destination` is not a page of the profile's partition's console.
    case destinationNotConsole(destination: String, profile: String, consoleHost: String)
    /// A `--browser` template (or `multisso_console_browser`) cannot be used.
    case invalidBrowserTemplate(source: String, reason: String)
    /// The browser command could not be started.
    case browserNotStarted(profile: String, command: String)
    /// The federation endpoint refused the profile's credentials or could not be reached.
    case signinFailed(profile: String, error: WireError)
    /// `--via portal` for a role chain: the portal only has shortcut links for its own roles.
    case portalNeedsSSORole(profile: String, chain: String)
    /// More profiles than ``ConsoleRequest/confirmationThreshold`` and no way to ask: `--yes` is needed.
    case confirmationRequired(count: Int)
    /// The person answered no to opening that many consoles.
    case declined(count: Int)

    /// The kind of this failure, for the exit status: a bad flag is usage, a bad config value configuration.
    public var failureKind: FailureKind {
        switch self {
        case .invalidDuration, .invalidService, .invalidDestination, .destinationNotConsole, .confirmationRequired,
            .portalNeedsSSORole:
            .usage
        case .invalidRegion(_, let source), .invalidBrowserTemplate(let source, _):
            source.hasPrefix("--") ? .usage : .configuration
        case .signinFailed(_, let error): error.failureKind
        case .browserNotStarted, .declined: .partial
        }
    }

    public static func == (lhs: ConsoleError, rhs: ConsoleError) -> Bool {
        lhs.description == rhs.description
    }

    public var description: String {
        switch self {
        case .invalidDuration(let text):
            "--duration \(text) is not a console session length from 15 minutes to 12 hours "
                + "(seconds, or with a unit: 900, 45m, 12h)"
        case .invalidService(let name):
            "--service \(name) is not a console service name (lower-case letters, digits and -, e.g. s3, ec2, cloudwatch)"
        case .invalidRegion(let region, let source):
            "the region \(region) (\(source)) cannot be used in a console URL (lower-case letters, digits and -)"
        case .invalidDestination(let text):
            "--destination \(text) is not an https URL of the AWS console"
        case .destinationNotConsole(let destination, let profile, let host):
            "--destination \(destination) is not a console page of profile \(profile)'s partition "
                + "(expected https://\(host)/… or a sub-domain of it)"
        case .invalidBrowserTemplate(let source, let reason):
            "the browser template (\(source)) cannot be used: \(reason)"
        case .browserNotStarted(let profile, let command):
            "profile \(profile): the browser command \(command) could not be started; check --browser, "
                + "multisso_console_browser or $BROWSER, or print the URL with --url"
        case .signinFailed(let profile, let error):
            "profile \(profile): the federation endpoint gave no sign-in token: \(error)"
        case .portalNeedsSSORole(let profile, let chain):
            "profile \(profile) is a role chain (\(chain)): the access portal has no shortcut link for a role "
                + "assumed through STS; open it with --via federation (the default)"
        case .confirmationRequired(let count):
            "opening \(count) console sessions needs --yes when no terminal can be asked "
                + "(more than \(ConsoleRequest.confirmationThreshold))"
        case .declined(let count):
            "did not open \(count) console sessions"
        }
    }
}
