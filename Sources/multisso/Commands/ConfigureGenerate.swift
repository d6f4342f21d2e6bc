import ArgumentParser
import ConfigureProfiles
import Foundation
import ParallelExec
import SSOConfig
import SessionActors

/// `multisso configure generate`: a profile for every account and role the portal shows, without a
/// question; `--dry-run` shows the change as a diff, `--prune` removes profiles whose assignment went.
struct ConfigureGenerate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a profile for every account and role a portal shows you.",
        discussion: """
            Logs in to the [sso-session] (creating it from --start-url and --sso-region when it is not \
            configured), lists every account and role, and adds a profile for each one that no profile \
            of this session covers yet. Names come from --name-template (placeholders {account_name}, \
            {account_id}, {role_name}, {email}, {sso_session}), reduced to letters, digits, '-', '_' \
            and '.'; a name already taken gets the account ID, then -2, -3... appended. \
            Generated profiles carry `multisso_generated = true`: only they are updated (--region, \
            --output-format) or removed (--prune, when their account or role is no longer assigned). \
            Comments, order and your own profiles stay exactly as they were.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(
        name: .customLong("sso-session"), help: "The [sso-session] whose portal to configure.",
        completion: .ssoSessions)
    var session: String

    @Option(name: .customLong("start-url"), help: "Start URL of a new --sso-session.")
    var startURL: String?

    @Option(name: .customLong("sso-region"), help: "SSO region of a new --sso-session.")
    var ssoRegion: String?

    @Option(name: .customLong("name-template"), help: "How profiles are named.")
    var nameTemplate = ProfileNameTemplate.standard.source

    @Option(name: .customLong("region"), help: "Default region (`region`) of the generated profiles.")
    var region: String?

    @Option(
        name: .customLong("output-format"), help: "Default AWS CLI output format (`output`) of the generated profiles.")
    var outputFormat: String?

    @Flag(name: .customLong("dry-run"), help: "Show the change as a unified diff of the config file; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Remove generated profiles of this session whose account or role is no longer assigned.")
    var prune = false

    func validate() throws {
        if (startURL == nil) != (ssoRegion == nil) {
            throw ValidationError("give --start-url and --sso-region together")
        }
        do {
            _ = try ProfileNameTemplate(nameTemplate)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        do {
            let generator = ProfileGenerator(
                session: session, template: try ProfileNameTemplate(nameTemplate), region: region,
                outputFormat: outputFormat, prune: prune)
            let outcome = try await runtime.withDirectory(loginPolicy: .interactive, flow: flow) { directory in
                try await ProfileGeneration(
                    directory: directory, generator: generator, startURL: startURL, region: ssoRegion
                ).run()
            }
            if dryRun {
                if global.output == .text { runtime.console.out(outcome.diff(path: runtime.config.file.path)) }
            } else if outcome.changesFile {
                var config = runtime.config
                config.document = outcome.after
                try config.save()
            }
            report(outcome, runtime: runtime)
        } catch {
            throw runtime.console.fail(error)
        }
    }

    private struct Report: Encodable {
        var session: String
        var dryRun: Bool
        var createdSession: Bool
        var accounts: Int
        var plan: ProfilePlan
        var diff: String?
    }

    private func report(_ outcome: ProfileGeneration.Outcome, runtime: Runtime) {
        let plan = outcome.plan
        if global.output == .json {
            let diff = dryRun ? outcome.diff(path: runtime.config.file.path) : nil
            try? runtime.printJSON(
                Report(
                    session: session, dryRun: dryRun, createdSession: outcome.createdSession,
                    accounts: outcome.accountCount,
                    plan: plan, diff: diff))
            return
        }
        let verb = dryRun ? "Would add" : "Added"
        var summary =
            "\(session): \(outcome.accountCount) accounts. \(verb) \(plan.additions.count) profile(s), "
            + "\(dryRun ? "update" : "updated") \(plan.updates.count), \(dryRun ? "remove" : "removed") \(plan.removals.count); "
            + "\(plan.unchanged.count) already configured."
        if outcome.createdSession { summary += " [sso-session \(session)] \(dryRun ? "would be" : "was") created." }
        runtime.console.err(summary)
        if !plan.kept.isEmpty {
            let names =
                plan.kept.prefix(10).map(\.profile).joined(separator: ", ") + (plan.kept.count > 10 ? ", …" : "")
            runtime.console.err(
                "\(plan.kept.count) generated profile(s) are no longer assigned (\(names)); run with --prune to remove them."
            )
        }
        if dryRun && (outcome.changesFile) { runtime.console.err("Nothing was written (--dry-run).") }
    }
}
