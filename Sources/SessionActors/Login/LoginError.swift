public import FailureKinds
public import SSOWire

/// Why a browser or device code login did not produce a token. Messages say what to do next and
/// never contain a code, verifier, token or secret.
public enum LoginError: ClassifiedError, Sendable, CustomStringConvertible {
    /// The loopback listener for the browser redirect could not be started.
    case listenerUnavailable(reason: String)
    /// ``LoopbackListener/waitForCode(expectedState:timeout:)`` was called a second time.
    case listenerAlreadyUsed
    /// The redirect's `state` did not match this login's (a stale tab or a forged request).
    case stateMismatch
    /// The browser redirect carried `error=` (e.g. the user denied access).
    case authorizationDenied(error: String, description: String?)
    /// No redirect arrived before the login's deadline.
    case authorizationTimedOut(after: Duration)
    /// The service says the pending authorization (device code or authorize request) expired, or
    /// the device flow's own deadline passed.
    case authorizationExpired(sessionLabel: String)
    /// The registration cannot be used for this flow (wrong grant types); register again.
    case registrationNotForFlow(sessionLabel: String, flow: String)
    /// The OIDC endpoint cannot make an authorize URL (no scheme or host).
    case invalidOIDCEndpoint(String)
    /// A call to the OIDC service failed.
    case service(sessionLabel: String, WireError)
    /// The OIDC endpoint (where the browser's authorize page is served) cannot be reached at all.
    case endpointUnreachable(sessionLabel: String, endpoint: String, WireError)
    /// The login was cancelled.
    case cancelled

    /// A short stable identifier for JSON output and exit codes.
    public var code: String {
        switch self {
        case .listenerUnavailable: "login_listener_unavailable"
        case .listenerAlreadyUsed: "login_listener_already_used"
        case .stateMismatch: "login_state_mismatch"
        case .authorizationDenied: "login_denied"
        case .authorizationTimedOut: "login_timed_out"
        case .authorizationExpired: "login_expired"
        case .registrationNotForFlow: "login_registration_mismatch"
        case .invalidOIDCEndpoint: "login_invalid_oidc_endpoint"
        case .service: "login_service_error"
        case .endpointUnreachable: "login_endpoint_unreachable"
        case .cancelled: "login_cancelled"
        }
    }

    /// The service or the network failed, rather than the login itself: the OIDC endpoint could
    /// not be reached, or a call timed out or lost its connection.
    public var isNetworkFailure: Bool {
        switch self {
        case .endpointUnreachable: true
        case .service(_, let error):
            switch error {
            case .timedOut, .connectionFailed: true
            case .service, .invalidResponse, .cancelled: false
            }
        default: false
        }
    }

    /// The description without the session's name, for messages that already name it.
    public var reason: String {
        if case .service(_, let error) = self { return "\(error)" }
        return description
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        if case .cancelled = self { return .interrupted }
        return isNetworkFailure ? .service : .login
    }

    public var description: String {
        switch self {
        case .listenerUnavailable(let reason):
            return "Could not listen on 127.0.0.1 for the browser redirect (\(reason)); "
                + "run the login again with --use-device-code."
        case .listenerAlreadyUsed:
            return "The loopback listener already received its redirect; start a new login."
        case .stateMismatch:
            return "The browser redirect's state parameter does not match this login's (a stale browser tab "
                + "or a forged request); run the login again."
        case .authorizationDenied(let error, let description):
            return "The authorization was refused in the browser (\(error)"
                + (description.map { ": \($0)" } ?? "") + "); run the login again."
        case .authorizationTimedOut(let after):
            return "No authorization arrived from the browser within \(Int(after.components.seconds)) s; "
                + "run the login again (or use --use-device-code)."
        case .authorizationExpired(let session):
            return "The authorization for \(session) expired before it was approved; run the login again."
        case .registrationNotForFlow(let session, let flow):
            return "The cached client registration for \(session) is not registered for the \(flow) flow; "
                + "register again."
        case .invalidOIDCEndpoint(let endpoint):
            return "The OIDC endpoint \(endpoint) has no scheme or host, so no authorize URL can be built; "
                + "check the endpoint override."
        case .service(let session, let error):
            return "Login for \(session) failed: \(error)"
        case .endpointUnreachable(let session, let endpoint, let error):
            return "The sign-in service of \(session), \(endpoint), cannot be reached (\(error)), so the browser page "
                + "would not load either; check the network, VPN or proxy (HTTPS_PROXY), then log in again."
        case .cancelled:
            return "The login was cancelled."
        }
    }
}
