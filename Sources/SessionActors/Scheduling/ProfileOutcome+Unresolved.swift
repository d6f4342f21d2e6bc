import FailureKinds
public import SSOConfig

extension ProfileOutcome {
    /// The outcome of a selected profile that the config cannot resolve: it failed before any
    /// request, with the error code a warm-up gives it (`config_…`, as ``SessionError/config(_:)``).
    public static func unresolved(_ profile: String, error: ConfigError) -> ProfileOutcome {
        ProfileOutcome(
            profile: profile, portal: "-", accountID: "", roleName: "", succeeded: false, fromCache: false,
            expiration: nil, errorCode: SessionError.config(error).code, message: error.description,
            failureKind: error.failureKind)
    }
}
