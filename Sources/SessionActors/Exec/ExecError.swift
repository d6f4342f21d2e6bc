/// Why `exec` could not run a command for a profile. A child that runs and exits non-zero is not
/// an error: it is a result (`ChildTermination`). Messages never contain credentials.
public enum ExecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No command was given after `--`.
    case emptyCommand
    /// An argument names a placeholder `exec` does not know.
    case unknownPlaceholder(name: String, argument: String, argumentIndex: Int)
    /// An argument opens a placeholder with `{` and never closes it.
    case unterminatedPlaceholder(argument: String, argumentIndex: Int)
    /// An argument has a lone `}`.
    case unmatchedClosingBrace(argument: String, argumentIndex: Int)
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
        case .unknownPlaceholder: "unknown-placeholder"
        case .unterminatedPlaceholder: "unterminated-placeholder"
        case .unmatchedClosingBrace: "unmatched-brace"
        case .missingPlaceholderValue: "missing-placeholder-value"
        case .executableNotFound: "executable-not-found"
        case .launchFailed: "launch-failed"
        case .invalidParallelism: "invalid-parallelism"
        }
    }

    /// The exit status a shell would report for this failure: 127 for a missing command, 126 when
    /// the command could not be started, 2 for a usage error.
    public var exitStatus: Int32 {
        switch self {
        case .executableNotFound: 127
        case .launchFailed: 126
        default: 2
        }
    }

    public var description: String {
        switch self {
        case .emptyCommand:
            return "No command to run: put the command after `--`, e.g. `multisso exec --profile dev -- aws sts get-caller-identity`."
        case .unknownPlaceholder(let name, let argument, let index):
            return "Unknown placeholder {\(name)} in argument \(index + 1) (\(argument)). "
                + "Known placeholders: \(ArgumentTemplate.Placeholder.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")); "
                + "write {{ and }} for literal braces."
        case .unterminatedPlaceholder(let argument, let index):
            return "Argument \(index + 1) (\(argument)) opens a placeholder with { but never closes it; write {{ for a literal brace."
        case .unmatchedClosingBrace(let argument, let index):
            return "Argument \(index + 1) (\(argument)) has a } without a matching {; write }} for a literal brace."
        case .missingPlaceholderValue(let placeholder, let profile):
            return "Profile \(profile) has no value for {\(placeholder)}; set `\(placeholder)` in [profile \(profile)] or drop the placeholder."
        case .executableNotFound(let executable):
            return "Command not found: \(executable) is not on PATH (or the path does not exist)."
        case .launchFailed(let executable, let reason):
            return "Could not start \(executable): \(reason)."
        case .invalidParallelism(let value):
            return "--parallel must be at least 1 (got \(value))."
        }
    }
}
