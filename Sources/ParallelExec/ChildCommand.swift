/// One command to start: the executable, its arguments and its complete environment.
///
/// The executable is a path when it contains `/`; otherwise it is looked up on the `PATH` of
/// `environment` (not of the parent). No shell is involved, so arguments are passed verbatim.
public struct ChildCommand: Sendable, Hashable, CustomStringConvertible {
    /// A path (`/usr/bin/env`, `./tool`) or a name looked up on `PATH` (`aws`).
    public var executable: String
    /// The arguments after the executable (never credentials).
    public var arguments: [String]
    /// The child's complete environment; nothing is inherited implicitly.
    public var environment: [String: String]
    /// The working directory, or nil for the parent's.
    public var workingDirectory: String?

    /// Creates a command.
    public init(executable: String, arguments: [String], environment: [String: String], workingDirectory: String? = nil)
    {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
    }

    /// The command line, without the environment (which holds secrets).
    public var description: String {
        ([executable] + arguments).joined(separator: " ")
    }
}

/// Which of the child's output streams a piece of output came from.
public enum ChildStream: String, Sendable, Hashable, Codable {
    case standardOutput = "stdout"
    case standardError = "stderr"
}

/// What happens to a child's standard input, output and error.
public enum ChildIO: Sendable {
    /// The longest line delivered whole by ``lines(maxLineLength:handler:)``: 8 MiB.
    public static let defaultMaxLineLength = 8 << 20

    /// The child uses the given descriptors directly (by default the parent's own 0, 1 and 2) and
    /// stays in the parent's process group, so it can read the terminal and receives the
    /// terminal's Ctrl-C itself. This is the single-profile `exec`: bytes are never copied.
    case passthrough(input: Int32 = 0, output: Int32 = 1, error: Int32 = 2)
    /// Standard input is `/dev/null`; output and error are split into lines and handed, in
    /// batches of complete lines (without the newline), to the handler as they arrive. A final
    /// line without a newline is delivered at the end. A line is delivered whole however long it
    /// is up to `maxLineLength` bytes (8 MiB by default, which bounds the memory a child's
    /// unfinished line can take); only a longer one is delivered in pieces.
    case lines(
        maxLineLength: Int = ChildIO.defaultMaxLineLength, handler: @Sendable (ChildStream, [[UInt8]]) async -> Void)
    /// Standard input is `/dev/null`; output and error are collected, each up to `limit` bytes
    /// (the rest is read and dropped, and the result says it was truncated).
    case collect(limit: Int)
}

/// How a child is stopped when the task running it is cancelled (Ctrl-C): SIGINT, then SIGTERM
/// after `interruptGrace`, then SIGKILL after `terminateGrace`.
///
/// With `ChildIO.lines` and `.collect` the child leads its own process group (`setpgid(0, 0)` at
/// spawn), every signal goes to that whole group (`killpg`), so grandchildren started by a
/// shell or a script are stopped too; whatever is left of the group once the leader has gone is
/// sent SIGTERM and, after `terminateGrace`, SIGKILL. With `.passthrough` the child shares the
/// parent's process group and terminal, so a Ctrl-C typed by the user reaches it directly; no
/// second SIGINT is sent (many tools treat a second interrupt as "abort now"): the child gets
/// `interruptGrace` to finish, then SIGTERM, then SIGKILL, addressed to the child alone.
public struct ChildTeardown: Sendable, Hashable {
    /// Time between SIGINT and SIGTERM.
    public var interruptGrace: Duration
    /// Time between SIGTERM and SIGKILL.
    public var terminateGrace: Duration

    /// Creates a teardown policy (defaults: 2 s after SIGINT, 3 s after SIGTERM).
    public init(interruptGrace: Duration = .seconds(2), terminateGrace: Duration = .seconds(3)) {
        self.interruptGrace = interruptGrace
        self.terminateGrace = terminateGrace
    }
}
