import AWSFormats
import ArgumentParser
import CredentialServer
import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SessionActors

/// `multisso agent`: a foreground process that keeps the selected profiles' tokens and credentials fresh
/// in the AWS CLI's caches, optionally serving them too (`--serve`).
struct Agent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Keep tokens and role credentials fresh in the AWS CLI's caches (foreground; a user service).",
        discussion: """
            Renews each selected portal's token with its refresh token, and each selected profile's role
            credentials in ~/.aws/cli/cache, --lead seconds before they would enter the 15-minute refresh
            window of the AWS CLI and the SDKs. It never opens a browser: when a portal needs a login it says
            so (a log line on stderr and a desktop notification through notify-send or osascript) and waits;
            it warns days ahead of a session's end. Between deadlines it sleeps: on Linux it is woken at once
            by an edit of the config file, a login or logout in another process (inotify) and a clock change
            or a wake-up from suspend (a timerfd on the wall clock); elsewhere it also re-checks every minute.
            Failures back off up to 5 minutes. --serve runs `multisso serve` inside it. --install writes a systemd user unit
            that runs this command with the same options, and prints how to enable it.

            Exit status: 0 when stopped by Ctrl-C or SIGTERM; 3 for a configuration error.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .long, help: "Renew this many seconds before the refresh window (default 300).")
    var lead: Double = 300

    @Flag(name: .long, help: "Also run the credential server (as `multisso serve`).")
    var serve = false

    @Option(name: .long, help: "With --serve: the port (0 picks a free one).")
    var port: Int = 0

    @Option(
        name: .customLong("token-file"), help: "With --serve: the token file (default ~/.aws/multisso/serve-token).")
    var tokenFile: String?

    @Flag(name: .long, help: "Write a systemd user unit running this agent, then exit.")
    var install = false

    func validate() throws {
        guard lead.isFinite, (0...86_400).contains(lead) else {
            throw ValidationError("--lead must be 0 to 86400 seconds")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    }

    func run() async throws {
        var runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        if install { return try installUnit(runtime) }
        let profileSelection = ProfileSelection(
            names: selection.profiles, patterns: selection.patterns, sessions: selection.sessions, all: selection.all)
        let served: [ProfileCredentials]
        do {
            served = try profileSelection.resolveCredentials(in: runtime.config, environment: runtime.environment)
                .profiles
            runtime = try runtime.trusting(served.map(\.name))
        } catch {
            throw runtime.console.fail(error)
        }
        var agentOptions = AgentOptions()
        agentOptions.lead = .milliseconds(Int64(lead * 1000))
        let console = runtime.console
        let notifier = DesktopNotifier(environment: runtime.environment.variables)
        let server = serve ? try serverConfiguration(runtime, profiles: served) : nil
        let scope = runtime
        let options = agentOptions
        let verbose = global.verbose
        let (result, _) = await SignalCancellation.run { () -> Result<Void, any Error> in
            do {
                // One directory's HTTP clients serve the agent and the server for as long as they run.
                try await scope.withDirectory(loginPolicy: .never) { directory in
                    let agent = KeepAliveAgent(
                        environment: scope.environment, selection: profileSelection,
                        sessionOptions: directory.options, options: options
                    ) { event in
                        if event.isRoutine && !verbose { return }
                        console.err("multisso agent: \(CacheTimestamp.format(Date())) \(event)")
                        if event.needsAttention { Task { await notifier.notify(event.description) } }
                    }
                    if let server {
                        try await withCredentialServer(server.configuration, directory: directory) { running in
                            console.out(
                                ServeBanner.text(
                                    server: running, profiles: server.configuration.profiles.keys.sorted(),
                                    tokenFile: server.file, imds: false))
                            try await agent.run()
                        }
                    } else {
                        try await agent.run()
                    }
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = result { throw console.fail(error) }
    }

    private func serverConfiguration(_ runtime: Runtime, profiles: [ProfileCredentials]) throws -> (
        configuration: CredentialServerConfiguration, file: URL
    ) {
        do {
            let file = ServerTokenFile.resolve(tokenFile, environment: runtime.environment)
            var configuration = CredentialServerConfiguration(
                token: try ServerToken.loadOrCreate(file), serving: profiles)
            configuration.port = port
            let logging = runtime
            if runtime.global.verbose { configuration.log = { line in logging.verbose(line) } }
            return (configuration, file)
        } catch {
            throw runtime.console.fail(error)
        }
    }

    private func installUnit(_ runtime: Runtime) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        let arguments = Array(CommandLine.arguments.dropFirst()).filter { $0 != "--install" }
        do {
            let location = try AgentUnit.installSystemd(
                runtime.environment, executable: executable, arguments: arguments)
            runtime.console.out(
                "wrote \(location.path)\nenable it with: systemctl --user daemon-reload && systemctl --user enable --now multisso-agent\n"
            )
        } catch {
            throw runtime.console.fail(error)
        }
    }
}
