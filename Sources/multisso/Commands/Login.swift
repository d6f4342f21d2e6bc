import ArgumentParser
import FailureKinds
import Foundation
import ParallelExec
import SSOCache
import SSOConfig
import SSOWire
import SessionActors

/// `multisso login`: log in to every portal the selected profiles need (reusing or refreshing tokens
/// first) and warm their role credentials in parallel.
struct Login: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Log in and fetch credentials for one, several or all profiles.",
        discussion: """
            For each portal, a valid cached token is reused (unless --force), else the refresh token is \
            tried, and only then an interactive login starts: the authorization code flow with PKCE in a \
            browser for [sso-session] profiles, the device code flow for legacy profiles, with \
            --use-device-code, `sso_use_device_code = true`, or on a machine without a browser. \
            Interactive logins run one at a time; everything else runs in parallel. Then credentials are \
            fetched for every selected profile (each account and role once) into ~/.aws/cli/cache. \
            Exit status 0 when every profile has credentials, 1 when some failed; when every one \
            failed for the same kind of reason, that reason's status (see `multisso --help`).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flow: LoginFlowOptions

    @Flag(name: .long, help: "Log in again even when a valid token is cached.")
    var force = false

    @Flag(name: .customLong("refresh-credentials"), help: "Fetch new role credentials even when cached ones are fresh.")
    var refreshCredentials = false

    @Option(name: .customLong("start-url"), help: "Log in to a legacy start URL directly (with --region).")
    var startURL: String?

    @Option(name: .long, help: "The SSO region of --start-url.")
    var region: String?

    func validate() throws {
        if startURL != nil && region == nil { throw ValidationError("--start-url needs --region") }
        if region != nil && startURL == nil {
            throw ValidationError("--region is the SSO region of --start-url; give --start-url too")
        }
        if let startURL, let problem = StartURLCheck.problem(startURL) {
            throw ValidationError("--start-url \(problem)")
        }
    }

    func run() async throws {
        EventLoopGlobalExecutor.installAtFirstRequest()
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: startURL != nil)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        if let startURL, let region {
            try await loginStartURL(startURL, region: region, runtime: runtime)
            return
        }
        let renderer = ProgressRenderer(
            console: runtime.console, verbose: global.verbose, quiet: global.output == .json)
        let (sink, continuation, stream) = renderer.sink()
        let rendering = Task { await renderer.consume(stream) }
        let selected: (profiles: [SSOProfile], chains: [RoleChain], failures: [(profile: String, error: ConfigError)])
        let warmed: (value: WarmUpReport, signal: Int32?)
        do {
            selected = try runtime.selectWithChains(selection)
            runtime.verbose(
                "config \(runtime.config.file.path): \(selected.profiles.count + selected.chains.count) profile(s) selected"
            )
            let profiles = selected.profiles
            let chains = selected.chains
            let options = WarmUpOptions(forceLogin: force, forceRefresh: refreshCredentials)
            warmed = try await runtime.trusting(profiles.map(\.name) + chains.map(\.profile))
                .withDirectory(loginPolicy: .interactive, flow: flow, events: sink) { directory in
                    await SignalCancellation.run { await directory.warmUp(profiles, chains: chains, options: options) }
                }
        } catch {
            continuation.finish()
            await rendering.value
            throw runtime.console.fail(error)
        }
        var report = warmed.value
        let signal = warmed.signal
        continuation.finish()
        await rendering.value
        for failure in selected.failures {
            report.profiles.append(.unresolved(failure.profile, error: failure.error))
        }
        switch global.output {
        case .json:
            runtime.printJSON(data: try report.prettyJSON())
        case .text:
            runtime.console.err(SummaryTable.render(report, console: runtime.console))
        }
        if let signal { throw ExitCode(128 + signal) }
        let failures = report.failureKinds
        runtime.exit(ExitStatus.code(succeeded: report.profiles.count - failures.count, failures: failures))
    }

    private func loginStartURL(_ startURL: String, region: String, runtime: Runtime) async throws {
        let session = SSOSessionSettings(
            name: nil, startURL: startURL, region: region, registrationScopes: nil, useDeviceCode: true)
        do {
            let token = try await runtime.withDirectory(loginPolicy: .interactive, flow: flow) { directory in
                try await directory.portal(forSession: session).login(force: force)
            }
            runtime.console.err(
                "Logged in to \(startURL); the token is valid until \(token.expiresAt.formatted(.iso8601)).")
        } catch {
            throw runtime.console.fail(error)
        }
    }
}
