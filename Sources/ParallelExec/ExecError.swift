public import FailureKinds

/// Why `exec` could not run a command for a profile. A child that runs and exits non-zero is not
/// an error: it is a result (`ChildTermination`). Messages never contain credentials.
public enum ExecError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    /// No command was given after `--`.
    case emptyCommand
    /// A placeholder has no value for this profile (`{region}` for a profile without `region`).
    case missingPlaceholderValue(placeholder: String, profile: String)
    /// The executable is not on the child's `PATH` (or the path does not exist).
    case executableNotFound(executable: String)
    /// The child could not be started.
    case launchFailed(executable: String, reason: String)
    /// `--parallel` was not a positive number.
    case invalidParallelism(Int)

    /// A short stable identifier for JSON output and exit-code mapping.
    public var code: String {
        switch self {
        case .emptyCommand: "empty-command"
        case .missingPlaceholderValue: "missing-placeholder-value"
        case .executableNotFound: "executable-not-found"
        case .launchFailed: "launch-failed"
        case .invalidParallelism: "invalid-parallelism"
        }
    }

    /// The status an exec report records for a profile whose command did not run, as a shell would
    /// give it: 127 for a missing command, 126 when it could not be started; 3 for a profile without
    /// the value a placeholder needs, 64 for a missing command or a bad `--parallel` (multisso's own
    /// statuses for ``failureKind``'s configuration and usage).
    public var exitStatus: Int32 {
        failureKind.exitStatus
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        switch self {
        case .executableNotFound: .commandNotFound
        case .launchFailed: .commandNotStarted
        case .missingPlaceholderValue: .configuration
        case .emptyCommand, .invalidParallelism: .usage
        }
    }

    public var description: String {
        switch self {
        case .emptyCommand:
            return
                "No command to run: put the command after `--`, e.g. `multisso exec --profile dev -- aws sts get-caller-identity`."
        case .missingPlaceholderValue(let placeholder, let profile):
            return
                "Profile \(profile) has no value for {\(placeholder)}; set `\(placeholder)` in [profile \(profile)] or drop the placeholder."
        case .executableNotFound(let executable):
            return "Command not found: \(executable) is not on PATH (or the path does not exist)."
        case .launchFailed(let executable, let reason):
            return "Could not start \(executable): \(reason)."
        case .invalidParallelism(let value):
            return "--parallel must be at least 1 (got \(value))."
        }
    }
}
