import ArgumentParser

/// The entry point: `credential-process` answered from a warm cache before the argument parser is
/// even built (the AWS CLI and SDKs start it for every credential lookup, so its start-up time is
/// what users wait for); everything else, and every case the fast path does not fully handle, goes
/// to the `MultiSSO` command tree.
@main
enum MultiSSOMain {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if CredentialProcess.answerFromWarmCache(arguments) || CompletionFastPath.answer(arguments) { return }
        AllocatorSettings.apply()
        if arguments == ["--version"] {
            Console(noColor: true, environment: [:]).out(MultiSSOVersion.describe() + "\n")
            return
        }
        let commands = MultiSSO.configuration.subcommands.map { $0._commandName }
        switch CommandLinePreflight.check(arguments, commands: commands) {
        case .success(let checked):
            await MultiSSO.main(checked)
        case .failure(let error):
            MultiSSO.exit(withError: error)
        }
    }
}

/// The `multisso` command: one login per AWS IAM Identity Center portal, credentials for every profile.
struct MultiSSO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multisso",
        abstract: "One AWS IAM Identity Center (AWS SSO) login per portal, credentials for many profiles at once.",
        discussion: """
            multisso reads and writes the same files as the AWS CLI v2 (~/.aws/config, ~/.aws/sso/cache, \
            ~/.aws/cli/cache), so `aws` and every SDK use what it fetched, and the reverse.

            Exit status: 0 success; 1 some profiles failed (when all failed for one reason, that \
            reason's status); 3 configuration error; 4 a login is needed or failed; 5 the service or \
            network failed; 6 a cache file could not be read or written; 64 bad command-line usage; \
            130 / 143 interrupted by Ctrl-C / SIGTERM. `exec` passes on its command's status (see \
            `exec --help`).
            """,
        version: MultiSSOVersion.current,
        subcommands: [
            Login.self, Logout.self, Status.self, List.self, Configure.self, Exec.self, CredentialProcess.self,
            Export.self,
            ConsoleSignIn.self, Serve.self, Agent.self, DoctorCommand.self, ShellInit.self, ShellUse.self, Pick.self,
        ]
    )
}

/// The version printed by `multisso --version`: this one place, and the commit `scripts/install` built
/// it from (see `MultiSSOVersion+Commit.swift`).
enum MultiSSOVersion {
    static let current = "0.1.0"
}
