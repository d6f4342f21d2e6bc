import ArgumentParser
import Foundation
import SSOConfig
import SessionActors
import TerminalUI

/// What `multisso console` settles before any request: the checked flags, the selected profiles,
/// each profile's browser template, and the confirmation for many profiles.
struct ConsolePlan {
    var runtime: Runtime
    var request: ConsoleRequest
    /// SSO profiles and role chains, in config-file order.
    var profiles: [ProfileCredentials]
    /// Profiles that were selected but could not be resolved.
    var failures: [ConsoleOutcome]
    var templates: [String: ConsoleBrowserTemplate]

    static func make(_ command: ConsoleSignIn, runtime: Runtime) async throws -> ConsolePlan {
        let request = try ConsoleRequest(
            via: command.via.request, service: command.service, destination: command.destination,
            region: command.region,
            duration: command.duration)
        let selected = try runtime.selectCredentials(command.selection)
        let profiles = selected.profiles
        let failures = selected.failures.map { ConsoleOutcome(profile: $0.profile, result: .failure($0.error)) }
        var templates: [String: ConsoleBrowserTemplate] = [:]
        if !command.url {
            let explicit = try command.browser.map { text throws(ConsoleError) in
                try ConsoleBrowserTemplate(text, source: "--browser")
            }
            for profile in profiles {
                templates[profile.name] =
                    try explicit ?? ConsoleBrowserTemplate.configured(for: profile.name, in: runtime.config)
            }
            try await confirm(count: profiles.count, yes: command.yes, console: runtime.console)
        }
        return ConsolePlan(
            runtime: try runtime.trusting(profiles.map(\.name)), request: request, profiles: profiles,
            failures: failures, templates: templates)
    }

    /// Above the threshold: ask on a terminal, refuse elsewhere unless `--yes`.
    private static func confirm(count: Int, yes: Bool, console: Console) async throws {
        guard count > ConsoleRequest.confirmationThreshold, !yes else { return }
        guard isatty(STDIN_FILENO) == 1 && console.stderrIsTerminal else {
            throw ConsoleError.confirmationRequired(count: count)
        }
        let answer = try await TerminalPrompt.prompt(
            "Open \(count) console sessions, one browser each (y/n)", default: "n", input: 0, output: 2)
        guard ["y", "yes"].contains(answer.lowercased()) else { throw ConsoleError.declined(count: count) }
    }
}
