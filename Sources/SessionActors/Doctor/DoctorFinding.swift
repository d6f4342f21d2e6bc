/// One result of `multisso doctor`: what was checked, how bad it is, and how to fix it.
public struct DoctorFinding: Sendable, Codable, Equatable {
    /// How bad a finding is; `error` makes `doctor` exit non-zero.
    public enum Severity: String, Sendable, Codable, Comparable {
        case ok
        case warning
        case error

        private var rank: Int {
            switch self {
            case .ok: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The check that produced it, a stable identifier: `profiles`, `endpoint`, `clock`, `cache`,
    /// `credential_process`, `aws_cli`, `sso_sessions` or `ca_bundle`.
    public var check: String
    public var severity: Severity
    /// What was found, naming the file and line where there is one; never a secret.
    public var message: String
    /// What to do about it; nil for `ok` findings.
    public var fix: String?

    public init(check: String, severity: Severity, message: String, fix: String? = nil) {
        self.check = check
        self.severity = severity
        self.message = message
        self.fix = fix
    }
}

/// Everything `multisso doctor` found, in the order the checks ran.
public struct DoctorReport: Sendable, Codable, Equatable {
    public var findings: [DoctorFinding]

    public init(findings: [DoctorFinding]) {
        self.findings = findings
    }

    /// The worst severity among the findings (`ok` when there are none).
    public var worst: DoctorFinding.Severity {
        findings.map(\.severity).max() ?? .ok
    }
}
