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
    /// `exec: 98 of 100 profiles succeeded; exit 1: 2 (dev, prod)`.
    public func summaryLine(maxNamesPerStatus: Int = 10) -> String {
        let summary = self.summary
        var text = "exec: \(summary.succeeded) of \(summary.total) profile\(summary.total == 1 ? "" : "s") succeeded"
        if wasInterrupted { text += " (interrupted)" }
        for (status, count) in summary.countsByExitStatus {
            let failed = results.filter { $0.exitStatus == status && !$0.succeeded }
            guard let first = failed.first else { continue }
            let names = failed.map(\.profile)
            let shown = names.prefix(maxNamesPerStatus).joined(separator: ", ")
            let more = names.count > maxNamesPerStatus ? ", +\(names.count - maxNamesPerStatus) more" : ""
            text += "; \(Self.label(first.outcome, status: status)): \(count) (\(shown)\(more))"
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
