public import Foundation

extension ExecReport {
    /// The JSON report (`--output json`): one object per profile and the summary.
    ///
    /// `{"exitStatus":1,"interrupted":false,"profiles":[{"profile":"dev","exitCode":0,"signal":null,
    /// "error":null,"stdout":"…","stderr":"…","outputTruncated":false,"durationSeconds":0.012}, …],
    /// "summary":{"total":2,"succeeded":1,"failed":["prod"],"exitStatusCounts":{"0":1,"1":1}}}`.
    /// Output that is not valid UTF-8 is decoded with replacement characters.
    public func jsonData(prettyPrinted: Bool = false) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            prettyPrinted
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(JSONReport(self))
    }

    private struct JSONReport: Encodable {
        var exitStatus: Int32
        var interrupted: Bool
        var profiles: [JSONProfile]
        var summary: JSONSummary

        init(_ report: ExecReport) {
            let summary = report.summary
            exitStatus = summary.overallExitStatus
            interrupted = report.wasInterrupted
            profiles = report.results.map(JSONProfile.init)
            self.summary = JSONSummary(
                total: summary.total, succeeded: summary.succeeded, failed: summary.failedProfiles,
                exitStatusCounts: Dictionary(
                    uniqueKeysWithValues: summary.countsByExitStatus.map { (String($0.status), $0.count) })
            )
        }
    }

    private struct JSONProfile: Encodable {
        var profile: String
        var exitCode: Int32?
        var signal: Int32?
        var error: String?
        var errorCode: String?
        var stdout: String
        var stderr: String
        var outputTruncated: Bool
        var durationSeconds: Double

        init(_ result: ProfileExecResult) {
            profile = result.profile
            switch result.outcome {
            case .finished(.exited(let code)): exitCode = code
            case .finished(.signalled(let number)): signal = number
            case .failedToStart(let failure):
                error = failure.description
                errorCode = failure.code
            case .notStarted:
                error = "not started: the run was interrupted"
                errorCode = "not-started"
            }
            stdout = String(decoding: result.standardOutput, as: UTF8.self)
            stderr = String(decoding: result.standardError, as: UTF8.self)
            outputTruncated = result.outputTruncated
            let parts = result.duration.components
            durationSeconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(profile, forKey: .profile)
            try container.encode(exitCode, forKey: .exitCode)
            try container.encode(signal, forKey: .signal)
            try container.encode(error, forKey: .error)
            try container.encode(errorCode, forKey: .errorCode)
            try container.encode(stdout, forKey: .stdout)
            try container.encode(stderr, forKey: .stderr)
            try container.encode(outputTruncated, forKey: .outputTruncated)
            try container.encode(durationSeconds, forKey: .durationSeconds)
        }

        enum CodingKeys: String, CodingKey {
            case profile, exitCode, signal, error, errorCode, stdout, stderr, outputTruncated, durationSeconds
        }
    }

    private struct JSONSummary: Encodable {
        var total: Int
        var succeeded: Int
        var failed: [String]
        var exitStatusCounts: [String: Int]
    }
}
