import ArgumentParser
import SessionActors

/// The one place where errors become exit statuses (documented in `multisso --help`).
enum ExitStatus {
    static let partialFailure: Int32 = 1
    static let configuration: Int32 = 3
    static let login: Int32 = 4
    static let service: Int32 = 5
    static let cache: Int32 = 6
    static let usage: Int32 = 64
    static let interrupted: Int32 = 130

    /// The exit code for an error that ended a command.
    static func code(for error: any Error) -> Int32 {
        switch error {
        case let error as SessionError:
            switch error {
            case .loginRequired, .loginFailed, .refreshRejected, .stillUnauthorized: login
            case .roleNotAssigned: partialFailure
            case .service: service
            case .config: configuration
            case .cache: cache
            case .cancelled: interrupted
            }
        case is ConfigError, is SelectionError, is ConfigureError, is ProxyConfigurationError, is CABundleError: configuration
        case let error as TerminalError: error == .interrupted || error == .cancelled ? interrupted : usage
        case let error as CredentialsFileError:
            if case .writeFailed = error { cache } else { configuration }
        case is CacheError, is FileSystemError: cache
        case is WireError: service
        case is LoginError: login
        case is CancellationError: interrupted
        default: partialFailure
        }
    }
}

/// Reports an error the way every command does and ends with its exit status.
struct CommandFailure: Error, CustomStringConvertible {
    let message: String
    let status: Int32

    init(_ error: any Error) {
        message = "\(error)"
        status = ExitStatus.code(for: error)
    }

    var description: String { message }
}

extension Console {
    /// Prints `error` as "multisso: error: …" and returns the exit code to end with.
    func fail(_ error: any Error) -> ExitCode {
        err(styled("multisso: error:", "1;31") + " \(error)")
        return ExitCode(ExitStatus.code(for: error))
    }
}
