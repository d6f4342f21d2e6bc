/// What kind of failure ended an operation. Each error type decides its own kind next to its cases
/// (``ClassifiedError``), and warm-up outcomes, exec results, status reports and console results
/// carry it, so a thrown error and the same failure reported for one profile of many agree. The
/// command maps each kind to its exit status in one place.
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
