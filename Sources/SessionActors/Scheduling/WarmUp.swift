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

    public init(forceLogin: Bool = false, forceRefresh: Bool = false, maxConcurrentProfiles: Int = 512) {
        self.forceLogin = forceLogin
        self.forceRefresh = forceRefresh
        self.maxConcurrentProfiles = maxConcurrentProfiles
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

        // Which actors serve which profiles.
        var portalByProfile: [String: PortalLogin] = [:]
        var profilesByPortal: [ObjectIdentifier: [SSOProfile]] = [:]
        var portalsInOrder: [PortalLogin] = []
        let rootProfiles = chains.compactMap { chain -> SSOProfile? in
            if case .sso(let root) = chain.root { return root }
            return nil
        }
        remember(profiles + rootProfiles)
        for profile in profiles + rootProfiles {
            let portal = portal(for: profile)
            portalByProfile[profile.name] = portal
            if profilesByPortal[ObjectIdentifier(portal)] == nil { portalsInOrder.append(portal) }
            profilesByPortal[ObjectIdentifier(portal), default: []].append(profile)
        }

        // Phase 1: every portal's token, in parallel.
        var portalOutcomes: [ObjectIdentifier: PortalOutcome] = [:]
        await withTaskGroup(of: (ObjectIdentifier, PortalOutcome).self) { group in
            for portal in portalsInOrder {
                let count = profilesByPortal[ObjectIdentifier(portal)]?.count ?? 0
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

        // Phase 2: every distinct role's credentials, bounded, each a Result.
        var work: [WarmUpItem] = []
        var indexBySource: [ObjectIdentifier: Int] = [:]
        var outcomes: [String: ProfileOutcome] = [:]
        let forceRefresh = warmUpOptions.forceRefresh
        var ready: [(profile: SSOProfile, portal: PortalLogin)] = []
        for profile in profiles {
            guard let portal = portalByProfile[profile.name] else { continue }
            if let failed = portalOutcomes[ObjectIdentifier(portal)], !failed.succeeded {
                let code = failed.errorCode ?? "login_failed"
                let outcome = ProfileOutcome(
                    profile: profile.name, portal: portal.label, accountID: profile.accountID,
                    roleName: profile.roleName,
                    succeeded: false, fromCache: false, expiration: nil, errorCode: code, message: failed.message,
                    failureKind: failed.failureKind)
                outcomes[profile.name] = outcome
                events.send(
                    .profileFailed(
                        profile: profile.name, portal: portal.label, code: code, message: failed.message ?? ""))
                continue
            }
            ready.append((profile, portal))
        }
        // Fresh in the cache file and no actor yet: answered here, without an actor or a task.
        let fresh = forceRefresh ? [] : await freshCredentialsWithoutSources(for: ready)
        for (position, (profile, portal)) in ready.enumerated() {
            if position < fresh.count, let fresh = fresh[position] {
                events.send(
                    .profileDone(
                        profile: profile.name, portal: portal.label, fromCache: true, expiration: fresh.expiration))
                outcomes[profile.name] = ProfileOutcome(
                    profile: profile.name, portal: portal.label, accountID: profile.accountID,
                    roleName: profile.roleName,
                    succeeded: true, fromCache: true, expiration: fresh.expiration, errorCode: nil, message: nil)
                continue
            }
            let source = source(for: profile)
            if let index = indexBySource[ObjectIdentifier(source)] {
                work[index].add(profile)
            } else {
                indexBySource[ObjectIdentifier(source)] = work.count
                work.append(.role(source, [profile]))
            }
        }
        for chain in chains {
            if case .sso(let root) = chain.root, let portal = portalByProfile[root.name],
                let failed = portalOutcomes[ObjectIdentifier(portal)], !failed.succeeded
            {
                outcomes[chain.profile] = Self.failed(
                    chain, portal: portal.label, code: "login_failed", message: failed.message ?? "",
                    kind: failed.failureKind ?? .login)
                events.send(
                    .profileFailed(
                        profile: chain.profile, portal: portal.label, code: "login_failed",
                        message: failed.message ?? ""))
                continue
            }
            let source = source(for: chain)
            if let index = indexBySource[ObjectIdentifier(source)] {
                work[index].add(chain)
            } else {
                indexBySource[ObjectIdentifier(source)] = work.count
                work.append(.hop(source, [chain]))
            }
        }
        await fileWriter.beginBatch()
        await withTaskGroup(of: [ProfileOutcome].self) { group in
            var next = 0
            func addNext() {
                guard next < work.count else { return }
                let item = work[next]
                next += 1
                group.addTask {
                    switch item {
                    case .role(let source, let profiles):
                        await Self.fetch(source, for: profiles, forceRefresh: forceRefresh, events: events)
                    case .hop(let source, let chains):
                        await Self.fetch(source, for: chains, forceRefresh: forceRefresh, events: events)
                    }
                }
            }
            for _ in 0..<min(max(1, warmUpOptions.maxConcurrentProfiles), work.count) { addNext() }
            for await finished in group {
                for outcome in finished { outcomes[outcome.profile] = outcome }
                addNext()
            }
        }

        if Task.isCancelled {
            // Structured to the end: return only once no abandoned request is still writing a cache file.
            for item in work { await item.settle() }
            for portal in portalsInOrder { await portal.settle() }
        }
        await fileWriter.endBatch()
        let throttlesAfter = await limiter.snapshot().throttles
        let elapsed = ContinuousClock.now - started
        return WarmUpReport(
            portals: portalsInOrder.compactMap { portalOutcomes[ObjectIdentifier($0)] },
            profiles: (profiles.map(\.name) + chains.map(\.profile)).compactMap { outcomes[$0] },
            seconds: elapsed.seconds,
            throttled: throttlesAfter - throttlesBefore
        )
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
