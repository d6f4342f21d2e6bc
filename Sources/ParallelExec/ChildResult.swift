/// How a child ended: an exit code or the signal that killed it.
public enum ChildTermination: Sendable, Hashable, CustomStringConvertible {
    /// The child called `exit` with this code.
    case exited(Int32)
    /// The child was killed by this signal.
    case signalled(Int32)

    /// The status a shell reports: the exit code, or 128 + the signal number.
    public var exitStatus: Int32 {
        switch self {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
    }

    /// Whether the child exited with code 0.
    public var succeeded: Bool { self == .exited(0) }

    public var description: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signalled(let signal): "signal \(signal)"
        }
    }
}

/// What one finished child left behind.
public struct ChildResult: Sendable, Hashable {
    /// The child's process ID (also its process group ID unless it ran in passthrough mode).
    public var processID: Int32
    /// How it ended.
    public var termination: ChildTermination
    /// From just before spawning to after the child was reaped and its output drained.
    public var duration: Duration
    /// Collected standard output (`ChildIO.collect` only; empty otherwise).
    public var standardOutput: [UInt8]
    /// Collected standard error (`ChildIO.collect` only; empty otherwise).
    public var standardError: [UInt8]
    /// Whether collected output or error was cut at the limit.
    public var outputTruncated: Bool
    /// Whether the run was cancelled and the child was torn down.
    public var wasCancelled: Bool

    /// Creates a result.
    public init(
        processID: Int32, termination: ChildTermination, duration: Duration, standardOutput: [UInt8] = [],
        standardError: [UInt8] = [], outputTruncated: Bool = false, wasCancelled: Bool = false
    ) {
        self.processID = processID
        self.termination = termination
        self.duration = duration
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.outputTruncated = outputTruncated
        self.wasCancelled = wasCancelled
    }
}
