import ArgumentParser
import Foundation
import SSOEmulator

/// `sso-emulator`: an AWS IAM Identity Center emulator (SSO OIDC and portal APIs) on 127.0.0.1, for
/// tests, benchmarks and demos. Its flags and its first lines of output are a stable contract.
@main
struct SSOEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sso-emulator",
        abstract:
            "An AWS IAM Identity Center (AWS SSO) emulator on 127.0.0.1: the OIDC and portal APIs at the root path.",
        discussion: HelpText.discussion
    )

    @OptionGroup(title: "Server and directory") var directory: DirectoryOptions
    @OptionGroup(title: "Latency, rate limit and faults") var faults: FaultOptions
    @OptionGroup(title: "Approval and lifetimes") var logins: LoginOptions

    @Option(
        help: ArgumentHelp(
            "Log level of the server on stderr (trace, debug, info, notice, warning, error, critical).",
            valueName: "LEVEL"))
    var logLevel: String?

    func validate() throws {
        if let logLevel, !["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(logLevel) {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        try faults.validate()
    }

    func run() async throws {
        var configuration = EmulatorConfiguration()
        try directory.apply(to: &configuration)
        faults.apply(to: &configuration)
        logins.apply(to: &configuration)
        configuration.logLevel = logLevel
        do {
            try await EmulatorServer.runUntilSignalled(configuration) { emulator in
                var lines = ["listening on \(emulator.baseURL.absoluteString)"]
                for portal in emulator.portals {
                    lines.append("portal \(portal.name) start_url=\(portal.startURL) region=\(portal.region)")
                }
                FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        } catch let error as EmulatorError {
            FileHandle.standardError.write(Data("sso-emulator: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
