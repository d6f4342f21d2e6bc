import FailureKinds
import Foundation
import SSOConfig
import SessionActors

/// Delivers console links: prints them (`--url`) or opens them one after another, reports failures on
/// standard error, and `--output json` lists every profile. URLs appear on standard output only.
struct ConsoleRenderer {
    let runtime: Runtime
    let printOnly: Bool
    let via: ConsoleRequest.Via

    /// One profile's line in `--output json` (the URL only with `--url`).
    struct Entry: Encodable {
        var profile: String
        var accountId: String?
        var roleName: String?
        var via: String
        var opened: Bool
        var url: String?
        var note: String?
        var errorCode: String?
        var message: String?
    }

    struct Report {
        var failures: [FailureKind] = []
        var succeeded = 0

        /// The status by the rule of every command on many profiles (one profile: its failure's).
        var exitStatus: Int32 { ExitStatus.code(succeeded: succeeded, failures: failures) }
    }

    func deliver(_ outcomes: [ConsoleOutcome], templates: [String: ConsoleBrowserTemplate]) async -> Report {
        var report = Report()
        var entries: [Entry] = []
        let links = outcomes.compactMap { try? $0.result.get() }
        if printOnly && via == .federation && runtime.console.stdoutIsTerminal && !links.isEmpty {
            runtime.console.err(
                runtime.console.styled("multisso: warning:", "1;33")
                    + " sign-in URLs are bearer secrets for 15 minutes: whoever has one is signed in as the role")
        }
        let opener = ConsoleOpener(environment: runtime.environment)
        for outcome in outcomes {
            var entry = Entry(profile: outcome.profile, via: via.rawValue, opened: false)
            do {
                let link = try outcome.result.get()
                entry.accountId = link.accountID
                entry.roleName = link.roleName
                entry.note = link.note
                if let note = link.note { runtime.console.err("multisso: profile \(link.profile): \(note)") }
                runtime.verbose("profile \(link.profile): \(Self.origin(of: link)) ready")
                if printOnly {
                    entry.url = link.url.absoluteString
                    if runtime.global.output == .text {
                        runtime.console.out(
                            (outcomes.count > 1 ? "\(link.profile)\t" : "") + link.url.absoluteString + "\n")
                    }
                } else {
                    try await opener.open(link, template: templates[link.profile])
                    entry.opened = true
                    runtime.verbose("opened the console for \(link.profile) (\(link.accountID), \(link.roleName))")
                }
                report.succeeded += 1
            } catch {
                report.failures.append(FailureKind(of: error))
                entry.errorCode = Self.code(error)
                entry.message = "\(error)"
                if runtime.global.output == .text { _ = runtime.console.fail(error) }
            }
            entries.append(entry)
        }
        if runtime.global.output == .json { try? runtime.printJSON(entries) }
        return report
    }

    /// Where a link leads, without its secret part: the federation host, or the portal's start URL host.
    private static func origin(of link: ConsoleLink) -> String {
        let host = link.url.host.map { $0 + (link.url.port.map { ":\($0)" } ?? "") } ?? "?"
        return link.via == .federation
            ? "sign-in URL from the federation endpoint at \(host)" : "portal shortcut link on \(host)"
    }

    private static func code(_ error: any Error) -> String {
        switch error {
        case let error as SessionError: error.code
        case let error as ConfigError: error.qualifiedCode
        case is ConsoleError: "console"
        default: "error"
        }
    }
}
