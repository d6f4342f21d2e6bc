/// What kind of failure ended an operation. Each error type decides its own kind next to its cases
/// (``ClassifiedError``), and warm-up outcomes, exec results, status reports and console results
/// carry it, so a thrown error and the same failure reported for one profile of many agree. Each kind
/// has one exit status (``exitStatus``), used by the command and by the exec report alike.
public enum FailureKind: String, Sendable, Hashable, CaseIterable {
    /// Something failed for this one profile that is none of the kinds below (a role that is not
    /// assigned, a profile that cannot get credentials, a browser that did not start).
    case partial
    /// The config file, an environment variable or a profile's settings cannot be used.
    case configuration
    /// A login is needed, or it failed because it was refused.
    case login
    /// The service or the network failed after retries.
    case service
    /// A cache file could not be read, written or locked.
    case cache
    /// The command line asks for something that cannot be done.
    case usage
    /// Ctrl-C or SIGTERM stopped the work.
    case interrupted
    /// The command to run for a profile does not exist (a shell's 127).
    case commandNotFound
    /// The command to run for a profile exists but could not be started (a shell's 126).
    case commandNotStarted
}

/// An error that says which ``FailureKind`` it is: adopted by every error type the library throws.
public protocol ClassifiedError: Error {
    /// The kind of this failure, decided by the error type next to its cases.
    var failureKind: FailureKind { get }
}

extension FailureKind {
    /// The kind of any error: its own when it is a ``ClassifiedError``, ``interrupted`` for a
    /// `CancellationError`, ``partial`` for anything else.
    public init(of error: any Error) {
        switch error {
        case let error as any ClassifiedError: self = error.failureKind
        case is CancellationError: self = .interrupted
        default: self = .partial
        }
    }
}

extension FailureKind {
    /// The exit status of this kind of failure, as the README's exit-status table has it: the one
    /// mapping, for the status a command ends with and for the per-profile statuses of an exec report
    /// (a command that could not be found or started gets a shell's 127 or 126 there).
    public var exitStatus: Int32 {
        switch self {
        case .partial: 1
        case .configuration: 3
        case .login: 4
        case .service: 5
        case .cache: 6
        case .usage: 64
        case .interrupted: 130
        case .commandNotFound: 127
        case .commandNotStarted: 126
        }
    }
}
