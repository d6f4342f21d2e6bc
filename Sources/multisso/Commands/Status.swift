import ArgumentParser
import Foundation
import SSOConfig
import SessionActors

/// `multisso status`: what is logged in and which credentials are cached, with time left; no network.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each portal's token and each profile's cached credentials, with time left.",
        discussion: """
            Reads the caches only; makes no network call and never logs in. With no selection, shows every \
            SSO profile. A cache file that cannot be read stops it with status 6, naming the file.

            With --check it prints nothing (unless -v) and exits 0 when every selected profile has usable \
            credentials or a token that can get them without a person, 4 when a login is needed, 1 when \
            some profiles cannot get credentials at all (they do not resolve).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    @Flag(
        name: .long,
        help: "Print nothing (unless -v); exit 0 when no login is needed, 4 when one is, 1 when profiles are broken.")
    var check = false

    func validate() throws {
        try global.refuse(timeout: true, because: "status reads the caches only and makes no network call")
    }

    func run() async throws {
        if check { return try runCheck() }
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let wanted = ProfileSelection(
            names: selection.profiles, patterns: selection.patterns, sessions: selection.sessions, all: selection.all)
        let report: StatusReport
        do {
            report = try await runtime.withDirectory(loginPolicy: .never) { directory in
                do {
                    return try await directory.status(of: wanted)
                } catch SelectionError.noSSOProfiles {
                    runtime.verbose("\(runtime.config.file.path) has no SSO profiles")
                    return StatusReport()
                }
            }
        } catch {
            throw runtime.console.fail(error)
        }
        switch global.output {
        case .json:
            runtime.printJSON(data: try await report.prettyJSONInHalves())
        case .text:
            runtime.console.out(Self.render(report))
        }
        runtime.exit(0)
    }

    /// The two tables and the summary line.
    static func render(_ report: StatusReport) -> String {
        var rows = [["PORTAL", "START URL", "TOKEN", "TIME LEFT", "REFRESHABLE"]]
        for portal in report.portals {
            rows.append([
                portal.portal, portal.startURL, portal.state, left(portal.secondsLeft),
                portal.refreshable ? "yes" : "no",
            ])
        }
        var text = SummaryTable.table(rows) + "\n"
        var profileRows = [["PROFILE", "ACCOUNT", "ROLE", "CREDENTIALS", "TIME LEFT"]]
        for profile in report.profiles {
            var left = left(profile.secondsLeft)
            if let hops = profile.hops, hops.count > 1 {
                left +=
                    " (" + hops.dropLast().map { "\($0.profile) \(Self.left($0.secondsLeft))" }.joined(separator: ", ")
                    + ")"
            }
            profileRows.append([
                profile.chain ?? profile.profile, profile.accountID, profile.roleName, profile.state, left,
            ])
        }
        text += SummaryTable.table(profileRows, keepWhole: { $0.contains(" ← ") })
        text += "\n\(report.validProfiles) of \(report.profiles.count) profiles have valid cached credentials\n"
        return text
    }

    static func left(_ seconds: Int?) -> String {
        guard let seconds, seconds > 0 else { return "-" }
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        return hours > 0 ? "\(hours)h\(twoDigits(minutes))m" : "\(minutes)m\(twoDigits(seconds % 60))s"
    }

    /// `String(format: "%02d", value)` for 0 to 59, without Foundation's formatter (once per profile).
    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
