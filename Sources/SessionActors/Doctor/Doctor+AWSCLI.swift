import FileStore
import Foundation
import SSOConfig

/// The AWS CLI on `PATH`: `[sso-session]` sections need AWS CLI v2.9.0 or later.
extension Doctor {
    /// The first version of the AWS CLI that reads `[sso-session]`.
    static let ssoSessionMinimum = [2, 9, 0]

    func awsCLIVersion() async -> [DoctorFinding] {
        guard !config.ssoSessionNames.isEmpty else { return [] }
        guard let aws = awsCLI ?? Self.search("aws", path: environment[variable: "PATH"] ?? "/usr/bin:/bin") else {
            return [
                DoctorFinding(check: "aws_cli", severity: .ok, message: "no `aws` on PATH (multisso does not need it)")
            ]
        }
        guard let output = await Self.run(aws, ["--version"]), let version = Self.parseVersion(output) else {
            return [
                DoctorFinding(
                    check: "aws_cli", severity: .warning, message: "\(aws.path) --version did not print a version",
                    fix: "check that \(aws.path) is the AWS CLI v2")
            ]
        }
        let text = version.map(String.init).joined(separator: ".")
        if version.lexicographicallyPrecedes(Self.ssoSessionMinimum) {
            return [
                DoctorFinding(
                    check: "aws_cli", severity: .warning,
                    message: "\(aws.path) is AWS CLI \(text), which cannot use the [sso-session] sections of "
                        + "\(config.file.path) (v2.9.0 or later can): `aws` commands with these profiles fail",
                    fix:
                        "install the AWS CLI v2 (2.9.0 or later) ahead of it on PATH, or run `multisso exec --profile P -- aws …`"
                )
            ]
        }
        return [DoctorFinding(check: "aws_cli", severity: .ok, message: "\(aws.path) is AWS CLI \(text)")]
    }

    /// `aws-cli/2.9.19 Python/…` → [2, 9, 19].
    static func parseVersion(_ output: String) -> [Int]? {
        guard let range = output.range(of: "aws-cli/") else { return nil }
        let rest = output[range.upperBound...].prefix { $0.isNumber || $0 == "." }
        let parts = rest.split(separator: ".").compactMap { Int($0) }
        return parts.isEmpty ? nil : parts
    }

    /// The first executable `name` in the colon-separated `path`.
    static func search(_ name: String, path: String) -> URL? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Runs a program with a 20-second limit (the AWS CLI v2 starts a Python interpreter: seconds on a
    /// busy machine); its standard output and error, or nil when it could not run.
    static func run(_ program: URL, _ arguments: [String]) async -> String? {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let pid = process.processIdentifier
        let reader = Task.detached { pipe.fileHandleForReading.readDataToEndOfFile() }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(20))
            kill(pid, SIGKILL)
        }
        // The output ends when the program exits (or is killed): waiting for the pipe's end is waiting for
        // the program, without relying on Foundation's termination handler.
        let output = await reader.value
        watchdog.cancel()
        return String(decoding: output, as: UTF8.self)
    }
}
