public import FailureKinds
public import SSOCache
public import SSOConfig
public import SSOWire

/// Why a portal login or a role's credentials could not be had; every message says what to do next.
public enum SessionError: ClassifiedError, Sendable, CustomStringConvertible {
    /// No usable token and the caller may not start an interactive login (`credential-process`, the agent, the credential server: `LoginPolicy.never`).
    case loginRequired(portal: String, command: String)
    /// The interactive login failed.
    case loginFailed(portal: String, underlying: any Error)
    /// The refresh token was refused and no login was allowed.
    case refreshRejected(portal: String, code: String)
    /// The portal refused the role: it is not (or no longer) assigned.
    case roleNotAssigned(profile: String, accountID: String, roleName: String, status: Int, code: String)
    /// The portal answered UnauthorizedException even with a freshly obtained token.
    case stillUnauthorized(profile: String, portal: String)
    /// A network or service error that retries did not overcome.
    case service(profile: String?, portal: String, error: WireError)
    /// STS refused or failed an AssumeRole of a role chain.
    case assumeRoleFailed(profile: String, roleARN: String, error: WireError)
    /// `duration_seconds` asks for more than the hour AWS allows a role assumed from a role session.
    case chainedDurationTooLong(profile: String, roleARN: String, seconds: Int)
    /// The role needs an MFA code and this command may not ask for one.
    case mfaCodeRequired(profile: String, serial: String, command: String)
    /// The config file could not be used.
    case config(ConfigError)
    /// A cache file could not be read or written.
    case cache(CacheError)
    /// The caller was cancelled (Ctrl-C).
    case cancelled

    /// A short stable identifier for JSON output and exit codes.
    public var code: String {
        switch self {
        case .loginRequired: "login_required"
        case .loginFailed(_, let underlying): Self.isNetworkFailure(underlying) ? "service_unreachable" : "login_failed"
        case .refreshRejected: "refresh_rejected"
        case .roleNotAssigned: "role_not_assigned"
        case .stillUnauthorized: "unauthorized"
        case .service(_, _, let error): error.isThrottling ? "throttled" : "service_error"
        case .assumeRoleFailed(_, _, let error): error.isThrottling ? "throttled" : "assume_role_failed"
        case .chainedDurationTooLong: "chained_duration_too_long"
        case .mfaCodeRequired: "mfa_code_required"
        case .config(let error): error.qualifiedCode
        case .cache(let error): error.code
        case .cancelled: "cancelled"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it: the same whether
    /// the error is thrown or reported as one profile's outcome in a warm-up.
    public var failureKind: FailureKind {
        switch self {
        case .loginFailed(_, let underlying):
            if underlying is CancellationError { return .interrupted }
            if case LoginError.cancelled = underlying { return .interrupted }
            return Self.isNetworkFailure(underlying) ? .service : .login
        case .loginRequired, .refreshRejected, .stillUnauthorized, .mfaCodeRequired: return .login
        case .roleNotAssigned: return .partial
        case .service(_, _, let error), .assumeRoleFailed(_, _, let error):
            return error.failureKind == .interrupted ? .interrupted : .service
        case .chainedDurationTooLong: return .configuration
        case .config(let error): return error.failureKind
        case .cache(let error): return error.failureKind
        case .cancelled: return .interrupted
        }
    }

    /// Whether a login failed because the service could not be reached (rather than being refused).
    static func isNetworkFailure(_ error: any Error) -> Bool {
        switch error {
        case let error as LoginError: error.isNetworkFailure
        case WireError.timedOut, WireError.connectionFailed: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .loginRequired(let portal, let command):
            "The SSO session for \(portal) has expired or was never started; run `\(command)` to log in"
        case .loginFailed(let portal, let underlying):
            "Login to \(portal) failed: " + ((underlying as? LoginError)?.reason ?? "\(underlying)")
        case .refreshRejected(let portal, let code):
            "The portal \(portal) refused to refresh the token (\(code)); log in again with `multisso login`"
        case .roleNotAssigned(let profile, let accountID, let roleName, let status, let code):
            "Profile \(profile): role \(roleName) in account \(accountID) is not available to you (HTTP \(status) \(code)); check the profile's sso_account_id and sso_role_name, or run `multisso list`"
        case .stillUnauthorized(let profile, let portal):
            "Profile \(profile): the portal \(portal) still refused a freshly obtained token; run `multisso login --force`"
        case .service(let profile, let portal, let error):
            (profile.map { "Profile \($0): request" } ?? "Request") + " to \(portal) failed: \(error)"
        case .assumeRoleFailed(let profile, let roleARN, let error):
            "Profile \(profile): AssumeRole of \(roleARN) failed: \(error)" + Self.advice(error)
        case .chainedDurationTooLong(let profile, let roleARN, let seconds):
            "Profile \(profile): duration_seconds = \(seconds) asks for more than 3600, the limit AWS sets for \(roleARN) when it is assumed from another role's credentials (role chaining); set duration_seconds to 3600 or less"
        case .mfaCodeRequired(let profile, let serial, let command):
            "Profile \(profile): the role needs a code from MFA device \(serial), and \(command) never prompts; run `multisso export --profile \(profile)` or `multisso login --profile \(profile)` in a terminal first, then \(command) uses the cached credentials"
        case .config(let error):
            error.description
        case .cache(let error):
            error.description
        case .cancelled:
            "Cancelled"
        }
    }

    /// What to do about an STS error.
    private static func advice(_ error: WireError) -> String {
        switch error.code {
        case "AccessDenied":
            "; check the role's trust policy allows the source profile's role, and the profile's external_id"
        case "ExpiredToken", "InvalidClientTokenId":
            "; the source credentials were refused even after a refresh: run `multisso login --force`"
        case "RegionDisabledException":
            "; STS is not activated in this region for the account: set the profile's region to an active one, or sts_regional_endpoints = legacy"
        case "ValidationError":
            "; check the profile's role_arn, role_session_name and duration_seconds"
        default:
            ""
        }
    }
}
