import AWSFormats
import FailureKinds
import Foundation
import SSOCache
public import SSOConfig

/// Options of one warm-up.
public struct WarmUpOptions: Sendable {
    /// Log in again even when a valid token is cached (`login --force`).
    public var forceLogin = false
    /// Fetch new credentials even when cached ones are fresh.
    public var forceRefresh = false
    /// At most this many profiles are being worked on at once (network calls are bounded separately,
    /// and adaptively, by the directory's limiter).
    public var maxConcurrentProfiles = 512
    /// Of those, at most this many SSO roles: twice the limiter's largest window (64), so that a
    /// request is ready whenever one ends, and no more, since each role in flight holds a task and an
    /// actor (role chains' hops are bounded by `maxConcurrentProfiles` alone).
    public var maxConcurrentRoles = 128
    /// Keep the role actors the warm-up makes (and the credentials they hold) in the directory after
    /// it, for a caller that asks for every profile's credentials next (`exec`); otherwise each is let
    /// go of once its profiles are done.
    public var keepsRoleActors = false

    public init(
        forceLogin: Bool = false, forceRefresh: Bool = false, maxConcurrentProfiles: Int = 512,
        maxConcurrentRoles: Int = 128, keepsRoleActors: Bool = false
    ) {
        self.forceLogin = forceLogin
        self.forceRefresh = forceRefresh
        self.maxConcurrentProfiles = maxConcurrentProfiles
        self.maxConcurrentRoles = maxConcurrentRoles
        self.keepsRoleActors = keepsRoleActors
    }
}

extension SessionDirectory {
    /// Logs in every portal the profiles need (in parallel; interactive prompts one at a time), then
    /// fetches credentials for every profile, each distinct (portal, account, role) once, and every
    /// role chain, each distinct hop once, all in one task group: a hop starts as soon as its source is
    /// ready. One profile's failure never stops the others: each gets its own outcome in the report.
    public func warmUp(
        _ profiles: [SSOProfile], chains: [RoleChain] = [], options warmUpOptions: WarmUpOptions = .init()
    ) async -> WarmUpReport {
        let started = ContinuousClock.now
        let events = options.events
        let throttlesBefore = await limiter.snapshot().throttles

        // Which portal serves each profile (by position) and each chain's root (by name).
        var portalOfProfile: [PortalLogin] = []
        portalOfProfile.reserveCapacity(profiles.count)
        var portalOfRoot: [String: PortalLogin] = [:]
        var profileCounts: [ObjectIdentifier: Int] = [:]
        var portalsInOrder: [PortalLogin] = []
        let rootProfiles = chains.compactMap { chain -> SSOProfile? in
            if case .sso(let root) = chain.root { return root }
            return nil
        }
        remember(profiles)
        remember(rootProfiles)
        func assign(_ profile: SSOProfile) -> PortalLogin {
            let portal = portal(for: profile)
            if profileCounts[ObjectIdentifier(portal)] == nil { portalsInOrder.append(portal) }
            profileCounts[ObjectIdentifier(portal), default: 0] += 1
            return portal
        }
        for profile in profiles { portalOfProfile.append(assign(profile)) }
        for root in rootProfiles { portalOfRoot[root.name] = assign(root) }

        // Phase 1: every portal's token, in parallel.
        var portalOutcomes: [ObjectIdentifier: PortalOutcome] = [:]
        await withTaskGroup(of: (ObjectIdentifier, PortalOutcome).self) { group in
            for portal in portalsInOrder {
                let count = profileCounts[ObjectIdentifier(portal)] ?? 0
                group.addTask {
                    events.send(.portalStarted(portal: portal.label, profiles: count))
                    do {
                        let token = try await portal.login(force: warmUpOptions.forceLogin)
                        events.send(.portalReady(portal: portal.label))
                        return (
                            ObjectIdentifier(portal),
                            PortalOutcome(
                                portal: portal.label, succeeded: true, tokenExpiresAt: token.expiresAt, message: nil)
                        )
                    } catch {
                        let interrupted = Self.isInterruption(error)
                        let message = interrupted ? Self.interruptedMessage : "\(error)"
                        events.send(.portalFailed(portal: portal.label, error: message))
                        return (
                            ObjectIdentifier(portal),
                            PortalOutcome(
                                portal: portal.label, succeeded: false, tokenExpiresAt: nil, message: message,
                                errorCode: interrupted
                                    ? Self.interruptedCode : (error as? SessionError)?.code ?? "login_failed",
                                failureKind: interrupted
                                    ? .interrupted : (error as? any ClassifiedError)?.failureKind ?? .login)
                        )
                    }
                }
            }
            for await (id, outcome) in group { portalOutcomes[id] = outcome }
        }

        // Phase 2: every distinct role's credentials, bounded, each a Result. Work items name profiles
        // and chains by position (outcomes too: chains after the profiles); a role's actor is made
        // when its item starts and, unless the caller keeps them, let go of when it is done.
        var work: [WarmUpItem] = []
        var outcomes = [ProfileOutcome?](repeating: nil, count: profiles.count + chains.count)
        let forceRefresh = warmUpOptions.forceRefresh
        var ready: [Int] = []
        for (position, profile) in profiles.enumerated() {
            let portal = portalOfProfile[position]
            if let failed = portalOutcomes[ObjectIdentifier(portal)], !failed.succeeded {
                let code = failed.errorCode ?? "login_failed"
                let outcome = ProfileOutcome(
                    profile: profile.name, portal: portal.label, accountID: profile.accountID,
                    roleName: profile.roleName,
                    succeeded: false, fromCache: false, expiration: nil, errorCode: code, message: failed.message,
                    failureKind: failed.failureKind)
                outcomes[position] = outcome
                events.send(
                    .profileFailed(
                        profile: profile.name, portal: portal.label, code: code, message: failed.message ?? ""))
                continue
            }
            ready.append(position)
        }
        // Fresh in the cache file and no actor yet: answered here, without an actor or a task.
        let fresh =
            forceRefresh
            ? [] : await freshCredentialsWithoutSources(for: ready.map { (profiles[$0], portalOfProfile[$0]) })
        var itemByRole: [SourceKey: Int] = [:]
        for (readyIndex, position) in ready.enumerated() {
            let profile = profiles[position]
            let portal = portalOfProfile[position]
            if readyIndex < fresh.count, let expiration = fresh[readyIndex] {
                events.send(
                    .profileDone(profile: profile.name, portal: portal.label, fromCache: true, expiration: expiration))
                outcomes[position] = ProfileOutcome(
                    profile: profile.name, portal: portal.label, accountID: profile.accountID,
                    roleName: profile.roleName,
                    succeeded: true, fromCache: true, expiration: expiration, errorCode: nil, message: nil)
                continue
            }
            let role = sourceKey(for: profile, portal: portal)
            if let index = itemByRole[role] {
                work[index].add(position)
            } else {
                itemByRole[role] = work.count
                work.append(.role([position]))
            }
        }
        itemByRole = [:]
        var itemByHop: [ObjectIdentifier: Int] = [:]
        for (index, chain) in chains.enumerated() {
            if case .sso(let root) = chain.root, let portal = portalOfRoot[root.name],
                let failed = portalOutcomes[ObjectIdentifier(portal)], !failed.succeeded
            {
                outcomes[profiles.count + index] = Self.failed(
                    chain, portal: portal.label, code: "login_failed", message: failed.message ?? "",
                    kind: failed.failureKind ?? .login)
                events.send(
                    .profileFailed(
                        profile: chain.profile, portal: portal.label, code: "login_failed",
                        message: failed.message ?? ""))
                continue
            }
            let source = source(for: chain)
            if let item = itemByHop[ObjectIdentifier(source)] {
                work[item].add(index)
            } else {
                itemByHop[ObjectIdentifier(source)] = work.count
                work.append(.hop(source, [index]))
            }
        }
        let keepsRoleActors = warmUpOptions.keepsRoleActors
        let items = work
        await fileWriter.beginBatch()
        await withTaskGroup(of: FinishedItem.self) { group in
            // Roles come first in `items`, then hops; each kind is started in order.
            let roleCount = items.firstIndex { if case .hop = $0 { true } else { false } } ?? items.count
            var nextRole = 0
            var nextHop = roleCount
            var inFlight = 0
            var rolesInFlight = 0
            func addNext() -> Bool {
                guard inFlight < max(1, warmUpOptions.maxConcurrentProfiles) else { return false }
                let next: Int
                if nextRole < roleCount, rolesInFlight < max(1, warmUpOptions.maxConcurrentRoles) {
                    next = nextRole
                    nextRole += 1
                    rolesInFlight += 1
                } else if nextHop < items.count {
                    next = nextHop
                    nextHop += 1
                } else {
                    return false
                }
                inFlight += 1
                switch items[next] {
                case .role(let positions):
                    let members = positions.map { profiles[$0] }
                    let (source, letGo) = warmUpSource(for: members[0], keeping: keepsRoleActors)
                    group.addTask {
                        let done = await Self.fetch(source, for: members, forceRefresh: forceRefresh, events: events)
                        // Settled here, as the end of a cancelled warm-up settles the actors it still holds.
                        if letGo, Task.isCancelled { await source.settle() }
                        return FinishedItem(
                            positions: positions, outcomes: done, isRole: true,
                            release: letGo ? (source, members[0]) : nil)
                    }
                case .hop(let source, let positions):
                    let members = positions.map { chains[$0] }
                    let offset = profiles.count
                    group.addTask {
                        let done = await Self.fetch(source, for: members, forceRefresh: forceRefresh, events: events)
                        return FinishedItem(
                            positions: positions.map { offset + $0 }, outcomes: done, isRole: false, release: nil)
                    }
                }
                return true
            }
            while addNext() {}
            for await finished in group {
                for (position, outcome) in zip(finished.positions, finished.outcomes) { outcomes[position] = outcome }
                if let done = finished.release { release(done.source, of: done.profile) }
                inFlight -= 1
                if finished.isRole { rolesInFlight -= 1 }
                while addNext() {}
            }
        }

        if Task.isCancelled {
            // Structured to the end: return only once no abandoned request is still writing a cache file.
            for item in items {
                guard case .role(let positions) = item else {
                    await item.settle(role: nil)
                    continue
                }
                await item.settle(role: existingSource(for: profiles[positions[0]]))
            }
            for portal in portalsInOrder { await portal.settle() }
        }
        await fileWriter.endBatch()
        let throttlesAfter = await limiter.snapshot().throttles
        let elapsed = ContinuousClock.now - started
        return WarmUpReport(
            portals: portalsInOrder.compactMap { portalOutcomes[ObjectIdentifier($0)] },
            profiles: Self.unwrapped(&outcomes),
            seconds: elapsed.seconds,
            throttled: throttlesAfter - throttlesBefore
        )
    }

    /// What a work item's task hands back: the outcomes of its profiles' positions, whether it was a
    /// role's, and the role actor
    /// to let go of (with a profile of its role) when the warm-up holds it.
    private struct FinishedItem: Sendable {
        var positions: [Int]
        var outcomes: [ProfileOutcome]
        var isRole: Bool
        var release: (source: RoleCredentialSource, profile: SSOProfile)?
    }

    /// The outcomes present, in order, moved out of `outcomes` rather than copied (a copy retains every
    /// string of 10,000 outcomes, and freeing the array releases them all again).
    static func unwrapped(_ outcomes: inout [ProfileOutcome?]) -> [ProfileOutcome] {
        var present: [ProfileOutcome] = []
        present.reserveCapacity(outcomes.count)
        for index in outcomes.indices {
            if let outcome = outcomes[index].take() { present.append(outcome) }
        }
        return present
    }

    /// The error code of work that Ctrl-C (or SIGTERM) stopped (``SessionError/cancelled``'s).
    static let interruptedCode = "cancelled"
    /// Its message.
    static let interruptedMessage = "interrupted"

    /// Whether `error` is the run being cancelled, however it was wrapped on the way.
    static func isInterruption(_ error: any Error) -> Bool {
        switch error {
        case is CancellationError: return true
        case LoginError.cancelled: return true
        case SessionError.cancelled: return true
        case SessionError.loginFailed(_, let underlying): return isInterruption(underlying)
        default: return Task.isCancelled
        }
    }

    private static func fetch(
        _ source: RoleCredentialSource, for profiles: [SSOProfile], forceRefresh: Bool, events: ProgressSink
    ) async -> [ProfileOutcome] {
        let portalLabel = source.portal.label
        do {
            let fetched = try await source.fetch(forceRefresh: forceRefresh)
            return profiles.map { profile in
                events.send(
                    .profileDone(
                        profile: profile.name, portal: portalLabel, fromCache: fetched.fromCache,
                        expiration: fetched.credentials.expiration))
                return ProfileOutcome(
                    profile: profile.name, portal: portalLabel, accountID: profile.accountID,
                    roleName: profile.roleName,
                    succeeded: true, fromCache: fetched.fromCache, expiration: fetched.credentials.expiration,
                    errorCode: nil, message: nil)
            }
        } catch {
            let interrupted = isInterruption(error)
            let code = interrupted ? interruptedCode : (error as? SessionError)?.code ?? "error"
            let message = interrupted ? interruptedMessage : "\(error)"
            let kind = interrupted ? .interrupted : FailureKind(of: error)
            return profiles.map { profile in
                events.send(.profileFailed(profile: profile.name, portal: portalLabel, code: code, message: message))
                return ProfileOutcome(
                    profile: profile.name, portal: portalLabel, accountID: profile.accountID,
                    roleName: profile.roleName,
                    succeeded: false, fromCache: false, expiration: nil, errorCode: code, message: message,
                    failureKind: kind)
            }
        }
    }
}
