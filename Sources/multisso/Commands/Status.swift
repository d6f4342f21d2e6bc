import ArgumentParser
import Foundation
import SessionActors

/// `multisso status`: what is logged in and which credentials are cached, with time left; no network.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each portal's token and each profile's cached credentials, with time left.",
        discussion: """
            Reads the caches only; makes no network call and never logs in.
            With --check it prints nothing (unless -v) and exits 0 when every selected profile has usable
            credentials or a token that can get them without a person, 4 when a login is needed, 1 when
            some profiles cannot get credentials at all (they do not resolve).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    @Flag(name: .long, help: "Print nothing (unless -v); exit 0 when no login is needed, 4 when one is, 1 when profiles are broken.")
    var check = false

    struct PortalStatus: Codable {
        var portal: String
        var startURL: String
        var region: String
        var state: String
        var expiresAt: Date?
        var secondsLeft: Int?
        var refreshable: Bool
    }

    struct ProfileStatus: Codable {
        var profile: String
        var portal: String
        var accountID: String
        var roleName: String
        var state: String
        var expiresAt: Date?
        var secondsLeft: Int?
    }

    struct Report: Codable {
        var portals: [PortalStatus]
        var profiles: [ProfileStatus]
    }

    func run() async throws {
        if check { return try runCheck() }
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        var wanted = selection
        if wanted.profiles.isEmpty && wanted.patterns.isEmpty && wanted.sessions.isEmpty { wanted.all = true }
        let directory = runtime.directory(loginPolicy: .never)
        let selected: [SSOProfile]
        do {
            selected = try runtime.select(wanted).profiles
        } catch SelectionError.noSSOProfiles {
            selected = []
        } catch {
            throw runtime.console.fail(error)
        }
        let now = Date()
        var report = Report(portals: [], profiles: [])
        var seenPortals = Set<ObjectIdentifier>()
        for profile in selected {
            let portal = await directory.portal(for: profile)
            if seenPortals.insert(ObjectIdentifier(portal)).inserted {
                let token = await portal.cachedToken()
                report.portals.append(PortalStatus(
                    portal: portal.label, startURL: portal.key.startURL, region: portal.key.region,
                    state: Self.state(token?.expiresAt, now: now, missing: "logged out"),
                    expiresAt: token?.expiresAt,
                    secondsLeft: token.map { max(0, Int($0.expiresAt.timeIntervalSince(now))) },
                    refreshable: token.map { $0.refreshToken != nil && ($0.registrationExpiresAt ?? .distantPast) > now } ?? false))
            }
            let credentials = await directory.source(for: profile).cachedCredentials()
            report.profiles.append(ProfileStatus(
                profile: profile.name, portal: portal.label, accountID: profile.accountID, roleName: profile.roleName,
                state: Self.state(credentials?.expiration, now: now, missing: "none"),
                expiresAt: credentials?.expiration,
                secondsLeft: credentials.map { max(0, Int($0.expiration.timeIntervalSince(now))) }))
        }
        switch global.output {
        case .json:
            try runtime.printJSON(report)
        case .text:
            var rows = [["PORTAL", "START URL", "TOKEN", "TIME LEFT", "REFRESHABLE"]]
            for portal in report.portals {
                rows.append([portal.portal, portal.startURL, portal.state, Self.left(portal.secondsLeft), portal.refreshable ? "yes" : "no"])
            }
            var text = SummaryTable.table(rows) + "\n"
            var profileRows = [["PROFILE", "ACCOUNT", "ROLE", "CREDENTIALS", "TIME LEFT"]]
            for profile in report.profiles {
                profileRows.append([profile.profile, profile.accountID, profile.roleName, profile.state, Self.left(profile.secondsLeft)])
            }
            text += SummaryTable.table(profileRows)
            let valid = report.profiles.count { $0.state == "valid" }
            text += "\n\(valid) of \(report.profiles.count) profiles have valid cached credentials\n"
            runtime.console.out(text)
        }
    }

    static func state(_ expiry: Date?, now: Date, missing: String) -> String {
        guard let expiry else { return missing }
        return expiry > now ? "valid" : "expired"
    }

    static func left(_ seconds: Int?) -> String {
        guard let seconds, seconds > 0 else { return "-" }
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        return hours > 0 ? "\(hours)h\(String(format: "%02d", minutes))m" : "\(minutes)m\(String(format: "%02d", seconds % 60))s"
    }
}
