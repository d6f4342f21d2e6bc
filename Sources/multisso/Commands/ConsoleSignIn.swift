import ArgumentParser
import Foundation
import ParallelExec
import SessionActors

/// `--via`: how the browser is signed in.
enum ConsoleVia: String, ExpressibleByArgument, CaseIterable, Sendable {
    case federation, portal

    var request: ConsoleRequest.Via { self == .portal ? .portal : .federation }
}

/// `multisso console`: the AWS console for one or many profiles, each signed in as its role, opened
/// in the browser (or printed with `--url`).
struct ConsoleSignIn: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the AWS console for one or many profiles, each signed in as its role.",
        discussion: """
            By default each profile's credentials (fetched or refreshed first, logging in when needed) are \
            turned into a sign-in URL at the federation endpoint (getSigninToken, then Action=login), \
            all profiles in parallel; the browsers are then opened one after another. Role chains \
            (role_arn + source_profile) sign in as their last role; --duration is left out for them (AWS \
            refuses SessionDuration for credentials from role chaining), with a note. --via portal opens \
            the access portal's shortcut link instead: no credential in the URL, the browser's own \
            sign-in to IAM Identity Center is used (SSO profiles only: a role chain has no portal link).

            The console opens at --destination (a console URL of the profile's partition), else at the \
            --service page, in --region or the profile's region. --browser takes a command line whose \
            words may name {url}, {url_encoded}, {profile}, {account_id} and {role_name} (with neither URL placeholder the URL is \
            the last argument); it is run without a shell. It can also be set once with \
            `multisso_console_browser = …` in a profile or [default]. Otherwise $BROWSER, xdg-open or \
            open is used. Above 10 profiles a terminal is asked for confirmation; elsewhere --yes is needed.

            A sign-in URL is a bearer secret valid for 15 minutes: --url prints it (after the profile \
            and a tab when there are several), nothing else shows it. The federation endpoint can be \
            overridden with AWS_ENDPOINT_URL_SIGNIN or a `signin` sub-section of [services]. \
            Exit status 0 when every console was opened (or printed), 1 when some profiles failed; \
            with one profile, that profile's failure decides (4 login needed, 5 service, …).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(name: .long, help: "federation (a sign-in token; default) or portal (the access portal's shortcut link).")
    var via: ConsoleVia = .federation

    @Option(name: .long, help: "Open at this service's console page, e.g. s3, ec2, cloudwatch.")
    var service: String?

    @Option(name: .long, help: "Open at this console URL (of the profile's partition).")
    var destination: String?

    @Option(name: .long, help: "The console's region (default: the profile's region).")
    var region: String?

    @Option(name: .long, help: "Console session length, 15 minutes to 12 hours: 3600, 90m, 12h (federation only).")
    var duration: String?

    @Flag(name: .long, help: "Print the URLs instead of opening a browser (they are secrets for minutes).")
    var url = false

    @Option(
        name: .long,
        help: "Browser command line with {url}, {url_encoded}, {profile}, {account_id}, {role_name}; no shell.")
    var browser: String?

    @Flag(name: .long, help: "Open more than 10 consoles without asking.")
    var yes = false

    func validate() throws {
        if service != nil && destination != nil {
            throw ValidationError("--service and --destination cannot be used together: the destination names the page")
        }
        if duration != nil && via == .portal {
            throw ValidationError(
                "--duration needs --via federation: the portal decides the session length of its links")
        }
        if url && browser != nil { throw ValidationError("--url prints the URLs, so --browser has nothing to open") }
    }

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let plan: ConsolePlan
        do {
            plan = try await ConsolePlan.make(self, runtime: runtime)
        } catch {
            throw runtime.console.fail(error)
        }
        runtime.verbose(
            "console: \(plan.profiles.count) profile(s) via \(via.rawValue)"
                + (destination.map { ", destination \($0)" } ?? service.map { ", service \($0)" } ?? ""))
        let outcomes: [ConsoleOutcome]
        let signal: Int32?
        do {
            (outcomes, signal) = try await plan.runtime.withDirectory(loginPolicy: .interactive, flow: flow) {
                directory in
                await SignalCancellation.run { await directory.consoleLinks(for: plan.profiles, request: plan.request) }
            }
        } catch {
            throw runtime.console.fail(error)
        }
        if let signal { throw ExitCode(128 + signal) }
        let report = await ConsoleRenderer(runtime: runtime, printOnly: url, via: via.request).deliver(
            outcomes + plan.failures, templates: plan.templates)
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }
}
