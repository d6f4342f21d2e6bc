import SessionActors

/// Library errors as the HTTP answers the SDKs show: the status and a `Message` that says what to do
/// (for a login, the `multisso login --sso-session S` command). The server never prompts.
enum ServerFailure {
    static func response(for error: any Error) -> ServerResponse {
        switch error {
        case let error as SessionError:
            switch error {
            case .loginRequired, .loginFailed, .refreshRejected, .stillUnauthorized:
                return .error(503, code: "LoginRequired", message: error.description)
            case .roleNotAssigned:
                return .error(403, code: "RoleNotAssigned", message: error.description)
            case .service, .assumeRoleFailed:
                return .error(502, code: "ServiceError", message: error.description)
            case .mfaCodeRequired:
                return .error(503, code: "LoginRequired", message: error.description)
            case .config, .cache, .chainedDurationTooLong:
                return .error(500, code: "LocalError", message: error.description)
            case .cancelled:
                return .error(503, code: "ShuttingDown", message: "the credential server is shutting down")
            }
        case is CancellationError:
            return .error(503, code: "ShuttingDown", message: "the credential server is shutting down")
        default:
            return .error(500, code: "InternalError", message: "\(error)")
        }
    }
}
