import ArgumentParser
import ConfigureProfiles
import CredentialServer
import SessionActors
import TerminalUI

/// The one place where errors become exit statuses (documented in `multisso --help`).
enum ExitStatus {
    static let partialFailure: Int32 = 1
    static let configuration: Int32 = 3
    static let login: Int32 = 4
    static let service: Int32 = 5
    static let cache: Int32 = 6
    static let usage: Int32 = 64
    static let interrupted: Int32 = 130
    static let terminated: Int32 = 143

    /// The exit code for an error that ended a command.
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as SessionError:
            switch error {
            case .loginFailed where error.code == "service_unreachable": service
            case .loginFailed(_, let underlying) where underlying is CancellationError: interrupted
            case .loginRequired, .loginFailed, .refreshRejected, .stillUnauthorized: login
            case .roleNotAssigned: partialFailure
            case .service, .assumeRoleFailed: service
            case .chainedDurationTooLong: configuration
            case .mfaCodeRequired: login
            case .config: configuration
            case .cache: cache
            case .cancelled: interrupted
            }
        case let error as ConsoleError:
            switch error.kind {
            case .usage: usage
            case .configuration: configuration
            case .service: service
            case .failed: partialFailure
            }
        case is ConfigError, is SelectionError, is ConfigureError, is ProxyConfigurationError, is CABundleError:
            configuration
        case let error as TerminalError: error == .interrupted || error == .cancelled ? interrupted : usage
        case CredentialServerError.nonLoopbackRefused: usage
        case is CredentialServerError: configuration
        case let error as CredentialsFileError:
            if case .writeFailed = error { cache } else { configuration }
        case is CacheError, is FileSystemError: cache
        case is WireError: service
        case let error as LoginError: error.isNetworkFailure ? service : login
        case let error as ExecError: error.exitStatus
        case is CancellationError: interrupted
        default: partialFailure
        }
    }
}

extension ExitStatus {
    /// The status of a profile that failed in a warm-up, from its error code (``SessionError/code``,
    /// `config_…` for a profile the config cannot resolve, `cancelled` when interrupted).
    static func code(forOutcome errorCode: String?) -> Int32 {
        guard let errorCode else { return partialFailure }
        if errorCode.hasPrefix("config_") { return configuration }
        if errorCode.hasPrefix("cache_") { return cache }
        switch errorCode {
        case "login_required", "login_failed", "refresh_rejected", "unauthorized": return login
        case "service_error", "service_unreachable", "throttled": return service
        case "cancelled": return interrupted
        default: return partialFailure
        }
    }

    /// The status of a command that worked on many profiles: 0 when none failed; 1 when some
    /// succeeded and some failed; when every one failed, the status their failures share (3 when
    /// none could be resolved, 4 when the login failed, …), else 1.
    static func code(succeeded: Int, failureCodes: [String?]) -> Int32 {
        guard !failureCodes.isEmpty else { return 0 }
        guard succeeded == 0 else { return partialFailure }
        let statuses = Set(failureCodes.map { code(forOutcome: $0) })
        return statuses.count == 1 ? statuses.first ?? partialFailure : partialFailure
    }
}

extension Console {
    /// Prints `error` as "multisso: error: …" and returns the exit code to end with; an `ExitCode`
    /// (a status already decided and reported) passes through silently.
    func fail(_ error: any Error) -> ExitCode {
        if let decided = error as? ExitCode { return decided }
        err(styled("multisso: error:", "1;31") + " \(error)")
        return ExitCode(ExitStatus.code(for: error))
    }
}
