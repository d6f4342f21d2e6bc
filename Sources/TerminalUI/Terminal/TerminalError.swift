public import FailureKinds

/// Why an interactive question got no answer.
public enum TerminalError: ClassifiedError, Sendable, Hashable, CustomStringConvertible {
    /// The user pressed Ctrl-C (or Escape) in the picker.
    case interrupted
    /// Input ended (Ctrl-D or end of a piped file) before an answer.
    case endOfInput(question: String)
    /// There was nothing to choose from.
    case noOptions(question: String)
    /// Reading, writing or switching the terminal mode failed.
    case ioFailed(operation: String, errno: Int32)
    /// The waiting task was cancelled.
    case cancelled

    /// A short stable identifier for JSON output and exit-code mapping.
    public var code: String {
        switch self {
        case .interrupted: "interrupted"
        case .endOfInput: "end-of-input"
        case .noOptions: "no-options"
        case .ioFailed: "terminal-io-failed"
        case .cancelled: "cancelled"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        switch self {
        case .interrupted, .cancelled: .interrupted
        case .endOfInput, .noOptions, .ioFailed: .usage
        }
    }

    public var description: String {
        switch self {
        case .interrupted:
            return "Interrupted: no choice was made."
        case .endOfInput(let question):
            return "Input ended before an answer to \"\(question)\"; run interactively, or pass the value as an option."
        case .noOptions(let question):
            return "Nothing to choose from for \"\(question)\"."
        case .ioFailed(let operation, let errno):
            return "Terminal \(operation) failed (errno \(errno))."
        case .cancelled:
            return "Cancelled while waiting for input."
        }
    }
}
