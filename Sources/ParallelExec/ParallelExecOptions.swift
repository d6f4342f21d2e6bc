/// How `exec` presents the output of many children.
public enum ExecOutputMode: String, Sendable, Hashable, CaseIterable {
    /// Every line as it arrives, prefixed with `[profile] ` (stdout lines to stdout, stderr to stderr).
    case labelled
    /// Each profile's output collected and printed as one block when that profile finishes.
    case grouped
    /// Nothing printed while running: output is collected into the `ExecReport` (for `--output json`).
    case report
}

/// The knobs of a multi-profile `exec` run.
public struct ParallelExecOptions: Sendable, Hashable {
    /// How many children run at once (`--parallel`).
    public var parallelism: Int
    /// Labelled, grouped or collected output.
    public var mode: ExecOutputMode
    /// Whether labels and headers are coloured (the caller decides: a TTY and no NO_COLOR).
    public var colour: Bool
    /// How children are stopped on cancellation.
    public var teardown: ChildTeardown
    /// The most bytes kept per stream and profile in `grouped` and `report` modes.
    public var collectLimit: Int
    /// The children's working directory, nil for the parent's.
    public var workingDirectory: String?

    /// Creates options; the default parallelism is `ParallelExec.defaultParallelism(processorCount: 2)`.
    public init(
        parallelism: Int = ParallelExec.defaultParallelism(processorCount: 2),
        mode: ExecOutputMode = .labelled,
        colour: Bool = false,
        teardown: ChildTeardown = ChildTeardown(),
        collectLimit: Int = 16 << 20,
        workingDirectory: String? = nil
    ) {
        self.parallelism = parallelism
        self.mode = mode
        self.colour = colour
        self.teardown = teardown
        self.collectLimit = collectLimit
        self.workingDirectory = workingDirectory
    }
}
