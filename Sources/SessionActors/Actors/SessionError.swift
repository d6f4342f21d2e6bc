public import SSOCache
public import SSOConfig
public import SSOWire

/// Why a portal login or a role's credentials could not be had; every message says what to do next.
public enum SessionError: Error, Sendable, CustomStringConvertible {
    /// No usable token and the caller may not start an interactive login (credential-process, `--no-login`).
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
        case .config(let error): "config_\(error.code)"
        case .cache(let error): "cache_\(error.code)"
        case .cancelled: "cancelled"
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
        case let .loginRequired(portal, command):
            "The SSO session for \(portal) has expired or was never started; run `\(command)` to log in"
        case let .loginFailed(portal, underlying):
            "Login to \(portal) failed: " + ((underlying as? LoginError)?.reason ?? "\(underlying)")
        case let .refreshRejected(portal, code):
            "The portal \(portal) refused to refresh the token (\(code)); log in again with `multisso login`"
        case let .roleNotAssigned(profile, accountID, roleName, status, code):
            "Profile \(profile): role \(roleName) in account \(accountID) is not available to you (HTTP \(status) \(code)); check the profile's sso_account_id and sso_role_name, or run `multisso list`"
        case let .stillUnauthorized(profile, portal):
            "Profile \(profile): the portal \(portal) still refused a freshly obtained token; run `multisso login --force`"
        case let .service(profile, portal, error):
            (profile.map { "Profile \($0): request" } ?? "Request") + " to \(portal) failed: \(error)"
        case let .config(error):
            error.description
        case let .cache(error):
            error.description
        case .cancelled:
            "Cancelled"
        }
    }
}
