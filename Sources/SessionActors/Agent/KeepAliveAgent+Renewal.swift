import AWSFormats
import Foundation
import SSOCache
import SSOConfig

/// What the agent remembers between checks: failures in a row and when to try again, portals waiting
/// for a login, warnings already given.
struct AgentState {
    var failures: [String: Int] = [:]
    var retryAt: [String: Date] = [:]
    var waitingForLogin: Set<String> = []
    var warned: Set<String> = []
}

extension KeepAliveAgent {
    /// Renews one portal's token and its profiles' credentials where due; returns the next deadline.
    func renew(_ portal: PortalLogin, profiles: [SSOProfile], directory: SessionDirectory, state: inout AgentState)
        async -> Date?
    {
        let clock = directory.options.clock
        let key = "portal " + portal.label
        if await portal.forgetIfLoggedOutElsewhere() {
            for profile in profiles { await directory.source(for: profile).forget() }
        }
        if let retry = state.retryAt[key], retry > clock.now() { return retry }
        let before = await portal.cachedToken()?.expiresAt
        do {
            _ = try await portal.accessToken()
        } catch {
            return fail(key, portal: portal, error: error, clock: clock, schedule: schedule(directory), state: &state)
        }
        state.waitingForLogin.remove(portal.label)
        state.failures[key] = nil
        guard let token = await portal.cachedToken() else { return nil }
        if let before, token.expiresAt != before {
            events(.tokenRenewed(portal: portal.label, expiresAt: token.expiresAt))
        }
        let schedule = schedule(directory)
        if let ending = token.registrationExpiresAt, schedule.sessionEndingSoon(ending, now: clock.now()),
            state.warned.insert(portal.label + CacheTimestamp.format(ending)).inserted
        {
            events(.sessionEnding(portal: portal.label, at: ending, command: portal.loginCommand))
        }
        var next = schedule.tokenDue(expiresAt: token.expiresAt)
        if let ending = token.registrationExpiresAt, !schedule.sessionEndingSoon(ending, now: clock.now()) {
            next = min(next, schedule.warningDue(ending))
        }
        for profile in profiles {
            if let due = await renew(profile, directory: directory, state: &state) { next = min(next, due) }
        }
        return next
    }

    private func renew(_ profile: SSOProfile, directory: SessionDirectory, state: inout AgentState) async -> Date? {
        let clock = directory.options.clock
        let key = "profile " + profile.name
        if let retry = state.retryAt[key], retry > clock.now() { return retry }
        let source = await directory.source(for: profile)
        let before = await source.cachedCredentials()?.expiration
        do {
            let credentials = try await directory.credentials(for: profile)
            state.failures[key] = nil
            if credentials.expiration != before {
                events(.credentialsRenewed(profile: profile.name, expiration: credentials.expiration))
            }
            return schedule(directory).credentialsDue(expiration: credentials.expiration)
        } catch {
            return fail(
                key, portal: source.portal, error: error, clock: clock, schedule: schedule(directory), state: &state)
        }
    }

    /// Reports a failure: a needed login once (then re-checked at the usual pace), anything else with backoff.
    private func fail(
        _ key: String, portal: PortalLogin, error: any Error, clock: WallClock, schedule: RenewalSchedule,
        state: inout AgentState
    ) -> Date? {
        switch error {
        case SessionError.loginRequired, SessionError.refreshRejected, SessionError.stillUnauthorized:
            if state.waitingForLogin.insert(portal.label).inserted {
                events(.loginNeeded(portal: portal.label, command: portal.loginCommand))
            }
            return nil
        default:
            let failures = (state.failures[key] ?? 0) + 1
            state.failures[key] = failures
            let (retry, wait) = schedule.retry(failures: failures, now: clock.now())
            state.retryAt[key] = retry
            events(.failed(item: key, reason: Self.reason(error), retryIn: wait))
            return retry
        }
    }

    /// The timing decisions for `directory`'s margins (widened by the lead when the directory was built).
    func schedule(_ directory: SessionDirectory, eventDriven: Bool = false) -> RenewalSchedule {
        RenewalSchedule(
            options: options, tokenMargins: directory.options.tokenMargins,
            credentialMargins: directory.options.credentialMargins, eventDriven: eventDriven)
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? SessionError { return error.code }
        return String(describing: type(of: error))
    }
}

/// The config file's identity and modification time, to notice an edit (or a replacement) cheaply; of
/// the file a symbolic link points to (a dotfiles folder), not of the link.
struct ConfigStamp: Equatable {
    var inode: UInt64 = 0
    var modified: TimeInterval = 0
    var size: Int = -1

    init(_ file: URL) {
        let path = file.resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
        inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        size = (attributes[.size] as? NSNumber)?.intValue ?? -1
    }
}
