/// The outcome of a multi-profile `exec`: one result per target (in target order), the summary
/// and the overall exit status. In `report` mode it carries every profile's output for JSON.
public struct ExecReport: Sendable, Hashable {
    /// One result per target, in the order the targets were given.
    public var results: [ProfileExecResult]
    /// Whether the run was cancelled (Ctrl-C).
    public var wasInterrupted: Bool

    /// Creates a report.
    public init(results: [ProfileExecResult], wasInterrupted: Bool) {
        self.results = results
        self.wasInterrupted = wasInterrupted
    }

    /// Counts per exit status and the failed profiles.
    public var summary: ExecSummary { ExecSummary(results: results, wasInterrupted: wasInterrupted) }

    /// The exit status for the whole run (rule in `ExecSummary`).
    public var overallExitStatus: Int32 { summary.overallExitStatus }

    /// A one-line human summary for stderr, e.g.
    /// `exec: 98 of 100 profiles succeeded; exit 1: 2 (dev, prod)`. Profiles that got no credentials
    /// (and so never ran) count towards the total too, under `no credentials`.
    public func summaryLine(withoutCredentials: [String] = [], maxNamesPerStatus: Int = 10) -> String {
        let summary = self.summary
        let total = summary.total + withoutCredentials.count
        var text = "exec: \(summary.succeeded) of \(total) profile\(total == 1 ? "" : "s") succeeded"
        if wasInterrupted { text += " (interrupted)" }
        // Grouped by what happened, not only by status: a child killed by SIGINT and a profile never
        // started both count 130, but they are different stories.
        var groups: [(label: String, status: Int32, names: [String])] = []
        for result in results where !result.succeeded {
            let label = Self.label(result.outcome, status: result.exitStatus)
            if let index = groups.firstIndex(where: { $0.label == label }) {
                groups[index].names.append(result.profile)
            } else {
                groups.append((label, result.exitStatus, [result.profile]))
            }
        }
        if !withoutCredentials.isEmpty { groups.append(("no credentials", Int32.max, withoutCredentials)) }
        for group in groups.sorted(by: { $0.status < $1.status }) {
            let shown = group.names.prefix(maxNamesPerStatus).joined(separator: ", ")
            let more = group.names.count > maxNamesPerStatus ? ", +\(group.names.count - maxNamesPerStatus) more" : ""
            text += "; \(group.label): \(group.names.count) (\(shown)\(more))"
        }
        return text
    }

    private static func label(_ outcome: ProfileExecResult.Outcome, status: Int32) -> String {
        switch outcome {
        case .finished(.signalled(let signal)): "signal \(signal)"
        case .finished(.exited): "exit \(status)"
        case .failedToStart(let error): "\(error.code) (\(status))"
        case .notStarted: "not started"
        }
    }
}
