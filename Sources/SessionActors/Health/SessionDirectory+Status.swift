import AWSFormats
import Foundation
import SSOCache
import SSOConfig

extension SessionDirectory {
    /// The ``StatusReport`` of `selection` (all SSO profiles when it names none), with "now" from the
    /// directory's clock; reads the caches only and never calls the network.
    /// - Throws: ``SelectionError`` when the selection does not resolve; ``SessionError/cache(_:)`` when
    ///   a cache file exists but cannot be read (naming it).
    public func status(of selection: ProfileSelection) async throws -> StatusReport {
        var wanted = selection
        if wanted.isEmpty { wanted.all = true }
        let chosen = try wanted.resolveWithChains(in: config, environment: environment)
        let selected = chosen.profiles
        let now = options.clock.now()
        var report = StatusReport()
        let roots = chosen.chains.compactMap { chain -> SSOProfile? in
            if case .sso(let root) = chain.root { return root }
            return nil
        }
        // Without role chains, the profiles as given: joining arrays copies every profile. The roots not
        // selected go after the selected profiles, by name (unique in a config): comparing whole
        // profiles made 10,000 profiles cost 10^8 comparisons.
        remember(roots.isEmpty ? selected : selected + roots)
        var rows = selected
        if !roots.isEmpty {
            let selectedNames = Set(selected.map(\.name))
            rows += roots.filter { !selectedNames.contains($0.name) }
        }
        try await credentialCache.withReader { reader in
            try await addRows(for: rows, selected: selected.count, reader: reader, now: now, to: &report)
        }
        for chain in chosen.chains {
            report.profiles.append(await chainStatus(chain, now: now))
        }
        return report
    }

    /// The rows of SSO profiles (and each portal's once) for the first `selectedCount` profiles; the
    /// others (roots of role chains) add only their portal's row.
    private func addRows(
        for profiles: [SSOProfile], selected selectedCount: Int, reader: CredentialCache.Reader, now: Date,
        to report: inout StatusReport
    ) async throws {
        // Every selected profile's file first, both halves at once; its error is thrown at its row.
        let expirations = await reader.expirations(count: profiles.count) { index in
            index < selectedCount ? CachedCredentialLookup.cacheKey(for: profiles[index]) : nil
        }
        var seenPortals = Set<ObjectIdentifier>()
        for (index, (profile, read)) in zip(profiles, expirations).enumerated() {
            let portal = portal(for: profile)
            if seenPortals.insert(ObjectIdentifier(portal)).inserted {
                let token = try await portal.storedToken()
                report.portals.append(
                    StatusReport.Portal(
                        portal: portal.label, startURL: portal.key.startURL, region: portal.key.region,
                        state: StatusReport.state(token?.expiresAt, now: now, missing: "logged out"),
                        expiresAt: token?.expiresAt, secondsLeft: StatusReport.secondsLeft(token?.expiresAt, now: now),
                        refreshable: token.map {
                            $0.refreshToken != nil && ($0.registrationExpiresAt ?? .distantPast) > now
                        } ?? false))
            }
            guard index < selectedCount else { continue }
            // The expiration of the credentials on disk, as the role actor's `storedCredentials()` reads
            // them, without building the actor: `status` reads only the files.
            let expiration: Date?
            switch read {
            case .success(let read): expiration = read
            case .failure(let error): throw SessionError.cache(error)
            }
            report.profiles.append(
                StatusReport.Profile(
                    profile: profile.name, portal: portal.label, accountID: profile.accountID,
                    roleName: profile.roleName,
                    state: StatusReport.state(expiration, now: now, missing: "none"),
                    expiresAt: expiration,
                    secondsLeft: StatusReport.secondsLeft(expiration, now: now)))
        }
    }

    /// A role chain's row: its last hop's cached credentials, and every hop's time left.
    private func chainStatus(_ chain: RoleChain, now: Date) async -> StatusReport.Profile {
        var hops: [StatusReport.Hop] = []
        if case .sso(let root) = chain.root {
            let credentials = await source(for: root).cachedCredentials()
            hops.append(
                StatusReport.Hop(
                    profile: root.name, roleArn: "sso:\(root.accountID)/\(root.roleName)",
                    secondsLeft: StatusReport.secondsLeft(credentials?.expiration, now: now)))
        }
        var last: RoleCredentials?
        for source in hopSources(for: chain) {
            last = await source.cachedCredentials()
            hops.append(
                StatusReport.Hop(
                    profile: source.hop.profile, roleArn: source.hop.roleARN,
                    secondsLeft: StatusReport.secondsLeft(last?.expiration, now: now)))
        }
        return StatusReport.Profile(
            profile: chain.profile, portal: chain.root.kind, accountID: chain.hops.last?.accountID ?? "",
            roleName: chain.hops.last?.roleName ?? "",
            state: StatusReport.state(last?.expiration, now: now, missing: "none"), expiresAt: last?.expiration,
            secondsLeft: StatusReport.secondsLeft(last?.expiration, now: now), chain: chain.summary, hops: hops)
    }
}
