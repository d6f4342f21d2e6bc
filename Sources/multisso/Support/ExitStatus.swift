import ArgumentParser
import FailureKinds

/// Where the command's failures become its exit status (documented in `multisso --help` and the
/// README's table): each error says its ``FailureKind``, each kind has its status
/// (``FailureKind/exitStatus``), and this adds the rule for a command over many profiles.
enum ExitStatus {
    /// The exit status of a kind of failure (``FailureKind/exitStatus``).
    static func code(for kind: FailureKind) -> Int32 {
        kind.exitStatus
    }

    /// The exit status for an error that ended a command.
    static func code(for error: any Error) -> Int32 {
        code(for: FailureKind(of: error))
    }

    /// The status of a command that worked on many profiles: 0 when none failed; 1 when some
    /// succeeded and some failed; when every one failed, the status their failures share (3 when
    /// none could be resolved, 4 when the login failed, …), else 1.
    static func code(succeeded: Int, failures: [FailureKind]) -> Int32 {
        guard !failures.isEmpty else { return 0 }
        let partial = code(for: .partial)
        guard succeeded == 0 else { return partial }
        let statuses = Set(failures.map { code(for: $0) })
        return statuses.count == 1 ? statuses.first ?? partial : partial
    }
}

extension Console {
    /// Prints `error` as "multisso: error: …" and returns the exit code to end with; an `ExitCode`
    /// (a status already decided and reported) passes through silently.
    func fail(_ error: any Error) -> ExitCode {
        if let decided = error as? ExitCode { return decided }
        err(styled("multisso: error:", "1;31") + " \(error)")
        return ExitCode(ExitStatus.code(for: error))
    }
}
