public import FileStore
public import Foundation
public import SSOConfig

/// The keep-alive agent: renews every selected portal's token with its refresh token and every selected
/// profile's role credentials (in the AWS CLI's cache) a little before they would enter the SDKs'
/// refresh windows, so the AWS CLI and every SDK never find a stale cache entry.
///
/// It never prompts: a portal that needs a person (logged out elsewhere, refresh token gone) is
/// reported once and skipped until someone logs in. Expiry is decided on the wall clock (`SessionOptions
/// .clock`); it sleeps on the monotonic clock until the next deadline, at most `AgentOptions.recheck`,
/// then decides again, so a wake-up from sleep, a clock jump, a config edit or a logout elsewhere are
/// noticed within that time. Failures back off exponentially, per portal and per profile.
public struct KeepAliveAgent: Sendable {
    let environment: AWSEnvironment
    let selection: ProfileSelection
    let sessionOptions: SessionOptions
    let options: AgentOptions
    let events: @Sendable (AgentEvent) -> Void

    /// - Parameters:
    ///   - environment: HOME, the config file and the caches.
    ///   - selection: the profiles to keep fresh, resolved again whenever the config file changes.
    ///   - sessionOptions: transport and clock; the login policy is forced to `.never` and both refresh
    ///     margins are widened by `options.lead`.
    ///   - events: receives every renewal, warning and failure.
    public init(
        environment: AWSEnvironment, selection: ProfileSelection, sessionOptions: SessionOptions,
        options: AgentOptions = AgentOptions(), events: @escaping @Sendable (AgentEvent) -> Void
    ) {
        self.environment = environment
        self.selection = selection
        self.sessionOptions = sessionOptions
        self.options = options
        self.events = events
    }

    /// Keeps everything fresh until the task is cancelled.
    ///
    /// Each pass computes the next deadline from the state (the earliest renewal, warning or backoff)
    /// and sleeps until then, but never longer than `AgentOptions.recheck` (60 s): that bound is what
    /// notices a config edit (one `stat`) and a logout in another process (the cache files read at the
    /// pass) without a file-system watcher, which Foundation does not offer on Linux; a pass that finds
    /// nothing due costs a `stat` and a few small reads. Each pass compares the wall and monotonic
    /// time since the previous one, so a suspend or a clock change is reported and decided again at once.
    /// - Throws: the config or selection error of the first read (later edits that break the config keep
    ///   the last good one, and say so).
    public func run() async throws {
        var watched = try await load()
        var stamp = ConfigStamp(environment.configFile)
        var state = AgentState()
        var lastPass: (wall: Date, monotonic: SuspendingClock.Instant)?
        while !Task.isCancelled {
            let clock = watched.directory.options.clock
            let (wall, monotonic) = (clock.now(), SuspendingClock.now)
            if let lastPass,
                let jump = Self.clockJump(
                    wall: wall.timeIntervalSince(lastPass.wall), monotonic: monotonic - lastPass.monotonic)
            {
                events(jump)
            }
            lastPass = (wall, monotonic)
            let current = ConfigStamp(environment.configFile)
            if current != stamp {
                stamp = current
                do {
                    watched = try await load()
                    events(.configReloaded)
                } catch {
                    events(
                        .failed(
                            item: environment.configFile.path, reason: "\(error); keeping the previous config",
                            retryIn: options.recheck))
                }
            }
            let schedule = schedule(watched.directory)
            var next = schedule.nextCheck(now: clock.now())
            for (portal, profiles) in watched.portals {
                if let due = await renew(portal, profiles: profiles, directory: watched.directory, state: &state) {
                    next = min(next, due)
                }
            }
            events(.checked(next: next))
            try? await Task.sleep(for: schedule.sleep(until: next, now: clock.now()))
        }
    }

    /// How far wall time and monotonic time (`SuspendingClock`: it stops while the machine sleeps) may
    /// drift apart from one pass to the next before it counts as a jump.
    static let jumpTolerance: TimeInterval = 5

    /// A ``AgentEvent/clockJumped(wall:monotonic:)`` when the wall clock moved more (or less) than the
    /// monotonic clock over a sleep: a suspend stops the monotonic clock, a clock change moves only the
    /// wall clock. The next pass decides every deadline from the wall clock again.
    static func clockJump(wall: TimeInterval, monotonic: Duration) -> AgentEvent? {
        let elapsed = monotonic.seconds
        return abs(wall - elapsed) > jumpTolerance ? .clockJumped(wall: wall, monotonic: elapsed) : nil
    }

    /// The directory and the selected profiles grouped by portal.
    struct Watched {
        var directory: SessionDirectory
        var portals: [(PortalLogin, [SSOProfile])]
    }

    private func load() async throws -> Watched {
        let config = try AWSConfigFile.load(environment)
        let profiles = try selection.resolve(in: config, environment: environment).profiles
        var options = sessionOptions
        options.loginPolicy = .never
        options.tokenMargins.refresh += self.options.lead
        options.credentialMargins.refresh += self.options.lead
        let directory = SessionDirectory(environment: environment, config: config, options: options)
        var groups: [ObjectIdentifier: (PortalLogin, [SSOProfile])] = [:]
        var order: [ObjectIdentifier] = []
        for profile in profiles {
            let portal = await directory.portal(for: profile)
            let id = ObjectIdentifier(portal)
            if groups[id] == nil { order.append(id) }
            groups[id, default: (portal, [])].1.append(profile)
        }
        events(.watching(profiles: profiles.count, portals: order.count))
        return Watched(directory: directory, portals: order.compactMap { groups[$0] })
    }
}
