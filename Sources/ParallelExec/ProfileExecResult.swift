/// What happened to one profile in a multi-profile `exec`.
public struct ProfileExecResult: Sendable, Hashable {
    /// How the profile's run ended.
    public enum Outcome: Sendable, Hashable {
        /// The child ran and ended this way.
        case finished(ChildTermination)
        /// No child could be started (bad placeholder, command not found).
        case failedToStart(ExecError)
        /// The run was cancelled before this profile's turn.
        case notStarted
    }

    /// The profile name.
    public var profile: String
    /// How it ended.
    public var outcome: Outcome
    /// The child's process ID, if one was started.
    public var processID: Int32?
    /// Time from spawn to reaping (zero when nothing was started).
    public var duration: Duration
    /// Collected standard output (`grouped` and `report` modes only).
    public var standardOutput: [UInt8]
    /// Collected standard error (`grouped` and `report` modes only).
    public var standardError: [UInt8]
    /// Whether collected output was cut at `ParallelExecOptions.collectLimit`.
    public var outputTruncated: Bool

    /// Creates a result.
    public init(
        profile: String, outcome: Outcome, processID: Int32? = nil, duration: Duration = .zero,
        standardOutput: [UInt8] = [], standardError: [UInt8] = [], outputTruncated: Bool = false
    ) {
        self.profile = profile
        self.outcome = outcome
        self.processID = processID
        self.duration = duration
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.outputTruncated = outputTruncated
    }

    /// The status this profile contributes: the child's exit code, 128 + signal, the shell's
    /// 127/126 for a command that could not be found or started, 3 for a profile without a placeholder's value, 130
    /// for a profile never started because the run was interrupted.
    public var exitStatus: Int32 {
        switch outcome {
        case .finished(let termination): termination.exitStatus
        case .failedToStart(let error): error.exitStatus
        case .notStarted: 130
        }
    }

    /// Whether the child ran and exited 0.
    public var succeeded: Bool { outcome == .finished(.exited(0)) }
}
