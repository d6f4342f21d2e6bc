import ArgumentParser
import CredentialServer
import FailureKinds
import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SSOWire
import SessionActors

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `multisso exec`: run one command with a profile's credentials in its environment, or once per
/// profile across many profiles in parallel.
struct Exec: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run a command with the credentials of one or many profiles.",
        discussion: """
            With --server, the command gets AWS_CONTAINER_CREDENTIALS_FULL_URI (its profile's URL on a \
            loopback credential server that multisso runs until the command ends) and \
            AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE instead of static keys, so SDKs refresh by themselves. \
            Otherwise the command gets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and \
            AWS_SECURITY_TOKEN), AWS_CREDENTIAL_EXPIRATION (and AWS_SESSION_EXPIRATION), AWS_REGION and AWS_DEFAULT_REGION (from the \
            profile's region), AWS_ACCOUNT_ID and MULTISSO_PROFILE in its environment; AWS_PROFILE and \
            AWS_DEFAULT_PROFILE are removed. Credentials never appear in its arguments. Arguments may \
            use {profile}, {account_id}, {role} and {region}; every other brace ({}, ${VAR}, awk, JSON) \
            is passed on untouched, and {{profile}} is a literal {profile}. No shell is involved.

            With one profile the command's input and output are the terminal's and its exit status is \
            passed on. With several, the credentials are warmed first, then the command runs once per \
            profile (--parallel at a time), each output line labelled with the profile (or --group, \
            or --output json), and a summary of exit codes is printed on stderr. A line stays one \
            line up to 8 MiB; only a longer one is split.

            Exit status: 0 when every profile's command exited 0; otherwise the highest status among \
            them (a command killed by a signal counts as 128 + the signal, a command not found as 127); \
            at least 1 when some profile got no credentials; 130 (143) when interrupted by Ctrl-C (SIGTERM), \
            in which case every child is sent SIGINT, then SIGTERM, then SIGKILL, and none outlives multisso.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(name: .long, help: "How many commands run at once (default: twice the processors, 4 to 32).")
    var parallel: Int?

    @Flag(name: .long, help: "Print each profile's output as one block when it finishes, instead of labelled lines.")
    var group = false

    @Flag(
        name: .long,
        help:
            "Give each command a credential server URL (AWS_CONTAINER_CREDENTIALS_FULL_URI) instead of static keys, so SDKs refresh by themselves for as long as it runs."
    )
    var server = false

    @Argument(parsing: .postTerminator, help: "The command and its arguments, after --.")
    var command: [String] = []

    func validate() throws {
        guard !command.isEmpty else {
            throw ValidationError(
                "give the command to run after --, e.g. multisso exec --all -- aws sts get-caller-identity")
        }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if group && global.output == .json { throw ValidationError("--group and --output json cannot be combined") }
    }

    func run() async throws {
        // `multisso exec … | head` must not kill multisso (and orphan its children) when the pipe closes.
        signal(SIGPIPE, SIG_IGN)
        // Not with --server: its connections' tasks, started on one loop, would all stay there.
        if !server { EventLoopGlobalExecutor.installAtFirstRequest() }
        var runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let template: ArgumentTemplate
        let selected: (profiles: [SSOProfile], chains: [RoleChain], failures: [(profile: String, error: ConfigError)])
        do {
            template = ArgumentTemplate(Array(command.dropFirst()))
            selected = try runtime.selectWithChains(selection)
            runtime = try runtime.trusting(selected.profiles.map(\.name) + selected.chains.map(\.profile))
        } catch {
            throw runtime.console.fail(error)
        }
        for failure in selected.failures { runtime.console.err("multisso: \(failure.profile): \(failure.error)") }
        let single =
            selected.profiles.count + selected.chains.count == 1 && selected.failures.isEmpty && !group
            && global.output == .text
        let (targets, credentialFailures) = try await warm(
            selected.profiles, chains: selected.chains, runtime: runtime, quiet: single)
        let failures =
            credentialFailures + selected.failures.map { (profile: $0.profile, kind: $0.error.failureKind) }
        if targets.isEmpty && !failures.isEmpty && global.output == .text {
            // Every profile failed, and each failure was named above: nothing runs.
            throw ExitCode(ExitStatus.code(succeeded: 0, failures: failures.map(\.kind)))
        }
        let run = { (targets: [ExecTarget]) async throws in
            if single, let target = targets.first {
                try await runSingle(target, template: template, runtime: runtime)
                return
            }
            try await runMany(targets, template: template, runtime: runtime, failures: failures)
        }
        guard server, !targets.isEmpty else { return try await run(targets) }
        let served = selected.profiles.map(ProfileCredentials.sso) + selected.chains.map(ProfileCredentials.chain)
        do {
            try await withChildServer(targets, profiles: served, runtime: runtime, run)
        } catch let error as CredentialServerError {
            throw runtime.console.fail(error)
        }
    }

    /// Gets every profile's credentials through the actor core; profiles that fail are reported and left out.
    private func warm(
        _ profiles: [SSOProfile], chains: [RoleChain], runtime: Runtime, quiet: Bool
    ) async throws -> (targets: [ExecTarget], failed: [(profile: String, kind: FailureKind)]) {
        let renderer = ProgressRenderer(console: runtime.console, verbose: global.verbose, quiet: true)
        let (sink, continuation, stream) = renderer.sink()
        let rendering = Task { await renderer.consume(stream) }
        let wanted = profiles.map { ProfileCredentials.sso($0) } + chains.map { ProfileCredentials.chain($0) }
        let warmed: ExecTargets
        do {
            warmed = try await runtime.withDirectory(loginPolicy: .interactive, flow: flow, events: sink) { directory in
                await directory.execTargets(for: wanted)
            }
        } catch {
            continuation.finish()
            await rendering.value
            throw runtime.console.fail(error)
        }
        continuation.finish()
        await rendering.value
        for failure in warmed.failures {
            runtime.console.err(
                runtime.console.styled("multisso: \(failure.profile): ", "31") + (failure.message ?? "no credentials"))
        }
        return (warmed.targets, warmed.failures.map { ($0.profile, $0.kind) })
    }

    private func runSingle(_ target: ExecTarget, template: ArgumentTemplate, runtime: Runtime) async throws {
        let executable = command[0]
        let result: ChildResult
        do {
            let arguments = try template.render(for: target)
            let environment = CredentialEnvironment.environment(base: runtime.environment.variables, for: target)
            let child = ChildCommand(executable: executable, arguments: arguments, environment: environment)
            let (value, signal) = await SignalCancellation.run {
                do throws(ExecError) {
                    return Result<ChildResult, ExecError>.success(try await ChildProcess.run(child, io: .passthrough()))
                } catch { return .failure(error) }
            }
            if let signal { throw ExitCode(128 + signal) }
            result = try value.get()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw runtime.console.fail(error)
        }
        throw ExitCode(result.termination.exitStatus)
    }

    private func runMany(
        _ targets: [ExecTarget], template: ArgumentTemplate, runtime: Runtime,
        failures: [(profile: String, kind: FailureKind)]
    ) async throws {
        let mode: ExecOutputMode = global.output == .json ? .report : (group ? .grouped : .labelled)
        let options = ParallelExecOptions(
            parallelism: parallel
                ?? ParallelExec.defaultParallelism(processorCount: ProcessInfo.processInfo.activeProcessorCount),
            mode: mode, colour: runtime.console.colour && runtime.console.stdoutIsTerminal)
        let runner = ParallelExec(
            executable: command[0], arguments: template, baseEnvironment: runtime.environment.variables,
            options: options,
            standardOutput: FileDescriptorSink(fileDescriptor: STDOUT_FILENO),
            standardError: FileDescriptorSink(fileDescriptor: STDERR_FILENO))
        let (value, signal) = await SignalCancellation.run {
            do throws(ExecError) { return Result<ExecReport, ExecError>.success(try await runner.run(targets)) } catch {
                return .failure(error)
            }
        }
        let report: ExecReport
        do {
            report = try value.get()
        } catch {
            throw runtime.console.fail(error)
        }
        if mode == .report {
            runtime.console.out(String(decoding: try report.jsonData(prettyPrinted: true), as: UTF8.self) + "\n")
        }
        runtime.console.err(report.summaryLine(withoutCredentials: failures.map(\.profile)))
        if let signal { throw ExitCode(128 + signal) }
        var status = report.overallExitStatus
        if targets.isEmpty && !failures.isEmpty {
            status = ExitStatus.code(succeeded: 0, failures: failures.map(\.kind))
        } else if status == 0 && !failures.isEmpty {
            status = ExitStatus.code(succeeded: targets.count, failures: failures.map(\.kind))
        }
        if status != 0 { throw ExitCode(status) }
    }
}
