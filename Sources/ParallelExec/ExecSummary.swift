/// The tally of a multi-profile `exec`, and the one exit status multisso returns for it.
///
/// **Overall exit status** (`overallExitStatus`):
/// - 130 if the run was interrupted (Ctrl-C or SIGTERM turned into cancellation), whatever the
///   children did; the command line may report 143 instead when the signal was SIGTERM;
/// - otherwise 0 if every profile's child exited 0 (and for an empty run);
/// - otherwise the highest status among the profiles, where a profile's status is its child's
///   exit code, 128 + the signal number if the child was killed by a signal, 127 if the command
///   was not found, 126 if it could not be started, 3 for a profile without a placeholder's value.
///
/// With one profile this is exactly that child's status. "Highest" keeps real errors visible
/// over mild ones (`grep` exits 1 for no match, 2 for an error) and never turns a failure into 0.
public struct ExecSummary: Sendable, Hashable {
    /// How many profiles there were.
    public var total: Int
    /// How many exited 0.
    public var succeeded: Int
    /// For each status that occurred, how many profiles had it, in ascending status order.
    public var countsByExitStatus: [(status: Int32, count: Int)] {
        statusCounts.keys.sorted().map { ($0, statusCounts[$0] ?? 0) }
    }
    /// The profiles that did not succeed (including ones never started), in target order.
    public var failedProfiles: [String]
    /// Whether the run was cancelled.
    public var wasInterrupted: Bool
    var statusCounts: [Int32: Int]

    /// Tallies results.
    public init(results: [ProfileExecResult], wasInterrupted: Bool) {
        total = results.count
        succeeded = results.filter(\.succeeded).count
        failedProfiles = results.filter { !$0.succeeded }.map(\.profile)
        statusCounts = results.reduce(into: [:]) { $0[$1.exitStatus, default: 0] += 1 }
        self.wasInterrupted = wasInterrupted
        highestStatus = results.map(\.exitStatus).max() ?? 0
    }

    private var highestStatus: Int32

    /// The exit status for the whole run (see the type's documentation for the rule).
    public var overallExitStatus: Int32 {
        if wasInterrupted { return 130 }
        return failedProfiles.isEmpty ? 0 : highestStatus
    }
}
