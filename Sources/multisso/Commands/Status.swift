import ArgumentParser
import Foundation
import SessionActors

/// `multisso status`: what is logged in and which credentials are cached, with time left; no network.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Flag(name: .long, help: "Print nothing (unless -v); exit 0 when no login is needed, 4 when one is, 1 when profiles are broken.")
    var check = false

    func validate() throws {
        try global.refuse(timeout: true, because: "status reads the caches only and makes no network call")
    }

    struct PortalStatus: Codable {
        var portal: String
        var startURL: String
        var region: String
        var state: String
        var expiresAt: Date?
        var secondsLeft: Int?
        var refreshable: Bool

        enum CodingKeys: String, CodingKey {
            case portal, startURL = "startUrl", region, state, expiresAt, secondsLeft, refreshable
        }
    }

    struct ProfileStatus: Codable {
        var profile: String
        var portal: String
        var accountID: String
        var roleName: String
        var state: String
        var expiresAt: Date?
        var secondsLeft: Int?
        /// For a role chain: `spoke ← hub (sso: corp)`, and each hop's time left, root first.
        var chain: String?
        var hops: [HopStatus]?

        enum CodingKeys: String, CodingKey {
            case profile, portal, accountID = "accountId", roleName, state, expiresAt, secondsLeft, chain, hops
        }
    }

    struct HopStatus: Codable {
        var profile: String
        var roleArn: String
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
        var chains: [RoleChain] = []
        do {
            let chosen = try runtime.selectWithChains(wanted)
            selected = chosen.profiles
            chains = chosen.chains
        } catch SelectionError.noSSOProfiles {
            selected = []
            runtime.verbose("\(runtime.config.file.path) has no SSO profiles")
        } catch {
            throw runtime.console.fail(error)
        }
        do {
            try await report(selected, chains: chains, directory: directory, runtime: runtime)
        } catch {
            throw runtime.console.fail(error)
        }
    }

    private func report(
        _ selected: [SSOProfile], chains: [RoleChain], directory: SessionDirectory, runtime: Runtime
    ) async throws {
        let now = Date()
        var report = Report(portals: [], profiles: [])
        var seenPortals = Set<ObjectIdentifier>()
        let roots = chains.compactMap { chain -> SSOProfile? in
            if case .sso(let root) = chain.root { return root }
            return nil
        }
        for profile in selected + roots.filter({ !selected.contains($0) }) {
            let portal = await directory.portal(for: profile)
            if seenPortals.insert(ObjectIdentifier(portal)).inserted {
                let token = try await portal.storedToken()
                report.portals.append(PortalStatus(
                    portal: portal.label, startURL: portal.key.startURL, region: portal.key.region,
                    state: Self.state(token?.expiresAt, now: now, missing: "logged out"),
                    expiresAt: token?.expiresAt,
                    secondsLeft: token.map { max(0, Int($0.expiresAt.timeIntervalSince(now))) },
                    refreshable: token.map { $0.refreshToken != nil && ($0.registrationExpiresAt ?? .distantPast) > now } ?? false))
            }
            guard selected.contains(profile) else { continue }
            let credentials = try await directory.source(for: profile).storedCredentials()
            report.profiles.append(ProfileStatus(
                profile: profile.name, portal: portal.label, accountID: profile.accountID, roleName: profile.roleName,
                state: Self.state(credentials?.expiration, now: now, missing: "none"),
                expiresAt: credentials?.expiration,
                secondsLeft: credentials.map { max(0, Int($0.expiration.timeIntervalSince(now))) }))
        }
        for chain in chains {
            report.profiles.append(await Self.chainStatus(chain, directory: directory, now: now))
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
                var left = Self.left(profile.secondsLeft)
                if let hops = profile.hops, hops.count > 1 {
                    left += " (" + hops.dropLast().map { "\($0.profile) \(Self.left($0.secondsLeft))" }.joined(separator: ", ") + ")"
                }
                profileRows.append([profile.chain ?? profile.profile, profile.accountID, profile.roleName, profile.state, left])
            }
            text += SummaryTable.table(profileRows, keepWhole: { $0.contains(" ← ") })
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

    /// A role chain's row: its last hop's cached credentials, and every hop's time left.
    static func chainStatus(_ chain: RoleChain, directory: SessionDirectory, now: Date) async -> ProfileStatus {
        var hops: [HopStatus] = []
        if case .sso(let root) = chain.root {
            let credentials = await directory.source(for: root).cachedCredentials()
            hops.append(HopStatus(
                profile: root.name, roleArn: "sso:\(root.accountID)/\(root.roleName)",
                secondsLeft: credentials.map { max(0, Int($0.expiration.timeIntervalSince(now))) }))
        }
        var last: CachedRoleCredentials?
        for source in await directory.hopSources(for: chain) {
            last = await source.cachedCredentials()
            hops.append(HopStatus(
                profile: source.hop.profile, roleArn: source.hop.roleARN,
                secondsLeft: last.map { max(0, Int($0.expiration.timeIntervalSince(now))) }))
        }
        return ProfileStatus(
            profile: chain.profile, portal: chain.root.kind, accountID: chain.hops.last?.accountID ?? "",
            roleName: chain.hops.last?.roleName ?? "",
            state: state(last?.expiration, now: now, missing: "none"), expiresAt: last?.expiration,
            secondsLeft: last.map { max(0, Int($0.expiration.timeIntervalSince(now))) }, chain: chain.summary, hops: hops)
    }
}
