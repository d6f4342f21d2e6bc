import ArgumentParser
import FailureKinds
import FileStore
import Foundation
import SSOConfig
import SessionActors
import TerminalUI

/// `multisso pick`: choose a profile from an instant, fuzzy-filtered list; prints its name.
struct Pick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pick",
        abstract: "Choose a profile from a fuzzy-filtered list on the terminal and print its name.",
        discussion: """
            Type to filter (the letters in order, anywhere in the profile, account ID, role or sso-session),
            Up/Down to move, Enter to choose, Escape or Ctrl-C to leave (exit status 130, nothing printed).
            Recent and frequent choices come first (~/.aws/sso/multisso-pick-history.json). Each row shows
            the account, role, portal and the cached credentials' time left (read for the rows shown). The list is drawn on standard
            error, so `msso` (see `shell-init`) and `$(multisso pick)` get only the name. Honours NO_COLOR.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let environment = AWSEnvironment.current()
        // The first frame comes from a quick scan of the config when it has the common shape; the full
        // read (which reports a broken config, and with -v what it ignores) follows it.
        if !global.verbose, let quick = PickerConfigScan.entries(environment) {
            let console = Console(noColor: global.noColor, environment: environment.variables)
            var failure: (any Error)?
            let chosen = try await choose(quick, environment: environment, console: console) {
                do {
                    let runtime = try Runtime.load(global, trustingActiveProfile: false)
                    return PickerEntry.load(config: runtime.config, environment: runtime.environment)
                } catch {
                    failure = error
                    return nil
                }
            }
            if let failure { throw console.fail(failure) }
            return try finish(chosen, environment: environment, console: console)
        }
        let runtime = try Runtime.loadReporting(global)
        let entries = PickerEntry.load(config: runtime.config, environment: runtime.environment)
        guard !entries.isEmpty else {
            throw runtime.console.fail(SelectionError.noSSOProfiles(file: runtime.config.file.path))
        }
        let chosen = try await choose(
            entries, environment: runtime.environment, console: runtime.console, complete: nil)
        try finish(chosen, environment: runtime.environment, console: runtime.console)
    }

    private func choose(
        _ entries: [PickerEntry], environment: AWSEnvironment, console: Console, complete: (() -> [PickerEntry]?)?
    ) async throws -> String? {
        do {
            return try await ProfilePicker.run(
                entries: entries, history: PickHistory.load(environment), now: Date(), colour: console.colour,
                expiry: PickerEntry.cachedExpiry(environment: environment), complete: complete)
        } catch {
            throw console.fail(error)
        }
    }

    /// Prints the chosen name and records it in the history; exit status 130 when none was chosen.
    private func finish(_ chosen: String?, environment: AWSEnvironment, console: Console) throws {
        guard let chosen else { throw ExitCode(ExitStatus.code(for: .interrupted)) }
        var history = PickHistory.load(environment)
        do {
            try history.record(chosen, at: Date(), environment: environment)
        } catch {
            if global.verbose {
                console.err(console.styled("multisso: ", "2") + "the pick history was not saved: \(error)")
            }
        }
        console.out(chosen + "\n")
    }
}
