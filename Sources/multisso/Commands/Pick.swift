import ArgumentParser
import Foundation
import SessionActors
import TerminalUI

/// `multisso pick`: choose a profile from an instant, fuzzy-filtered list; prints its name.
struct Pick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Choose a profile from a fuzzy-filtered list on the terminal and print its name.",
        discussion: """
            Type to filter (the letters in order, anywhere in the profile, account ID, role or sso-session),
            Up/Down to move, Enter to choose, Escape or Ctrl-C to leave (exit status 130, nothing printed).
            Recent and frequent choices come first (~/.aws/sso/multisso-pick-history.json). Each row shows
            the account, role, portal and the cached credentials' time left. The list is drawn on standard
            error, so `msso` (see `shell-init`) and `$(multisso pick)` get only the name. Honours NO_COLOR.
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runtime = try Runtime.loadReporting(global)
        let entries = PickerEntry.load(config: runtime.config, environment: runtime.environment)
        guard !entries.isEmpty else { throw runtime.console.fail(SelectionError.noSSOProfiles(file: runtime.config.file.path)) }
        var history = PickHistory.load(runtime.environment)
        let chosen: String?
        do {
            chosen = try await ProfilePicker.run(
                entries: entries, history: history, now: Date(), colour: runtime.console.colour,
                expiry: PickerEntry.cachedExpiry(environment: runtime.environment))
        } catch {
            throw runtime.console.fail(error)
        }
        guard let chosen else { throw ExitCode(ExitStatus.interrupted) }
        do {
            try history.record(chosen, at: Date(), environment: runtime.environment)
        } catch {
            runtime.verbose("the pick history was not saved: \(error)")
        }
        runtime.console.out(chosen + "\n")
    }
}
