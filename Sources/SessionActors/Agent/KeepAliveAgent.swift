public import FileStore
import Foundation
import SSOConfig

/// The keep-alive agent: renews every selected portal's token with its refresh token and every selected
/// profile's role credentials (in the AWS CLI's cache) a little before they would enter the SDKs'
/// refresh windows, so the AWS CLI and every SDK never find a stale cache entry.
///
/// It never prompts: a portal that needs a person (logged out elsewhere, refresh token gone) is
/// reported once and skipped until someone logs in. Expiry is decided on the wall clock (`SessionOptions
/// .clock`). Between passes it sleeps until the next deadline, woken early by events: on Linux an
/// inotify watch on the config file and the token cache (an edit, a login or a logout in another
/// process) and a timerfd on the wall clock (a clock change, a wake-up from suspend). Without those
/// (macOS, or a test's manual clock) it also wakes every `AgentOptions.recheck`. Failures back off
/// exponentially, per portal and per profile.
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
    /// Each pass computes the next deadline from the state (the earliest renewal, warning or backoff),
    /// arms the alarm for it and waits for a wake-up (``AgentWake``): the deadline, a change to the
    /// config file or the token cache, or a clock change. A pass re-reads the config when it changed
    /// (one `stat`) and the token cache entries, so the reason for the wake-up does not matter. Each
    /// pass compares the wall and monotonic time since the previous one, so a suspend or a clock change
    /// is reported and decided again at once.
    /// - Throws: the config or selection error of the first read (later edits that break the config keep
    ///   the last good one, and say so).
    public func run() async throws {
        let (wakes, wake) = AsyncStream.makeStream(of: AgentWake.self, bufferingPolicy: .bufferingNewest(1))
        defer { wake.finish() }
        try await run(wakes: wakes, wake: wake)
    }

    /// The agent waking on `wakes`, into which the file watcher and the alarm report through `wake`.
    func run(wakes: AsyncStream<AgentWake>, wake: AsyncStream<AgentWake>.Continuation) async throws {
        // The stamp before the first read: an edit between the two is then seen on the first pass.
        let firstStamp = ConfigStamp(environment.configFile)
        var watched = try await load()
        let report: @Sendable (AgentWake) -> Void = { wake.yield($0) }
        // The config file, where a symbolic link points too (an edit there changes nothing beside the link).
        let targets = Set([
            WatchTarget(file: environment.configFile),
            WatchTarget(file: environment.configFile.resolvingSymlinksInPath()),
            WatchTarget(folder: environment.ssoCacheDirectory, suffix: ".json"),
        ])
        let changed: @Sendable (Set<WatchTarget>) -> Void = { _ in report(.filesChanged) }
        try await FileChangeWatcher.with(Array(targets), changed: changed) { watching in
            try await withAlarm(wake: report) { alarm in
                let eventDriven = watching && alarm.followsWallClock
                events(.pacing(eventDriven: eventDriven, recheck: options.recheck))
                var iterator = wakes.makeAsyncIterator()
                var stamp = firstStamp
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
                        await reload(&watched)
                    }
                    let schedule = schedule(watched.directory, eventDriven: eventDriven)
                    var next = schedule.nextCheck(now: clock.now())
                    for (portal, profiles) in watched.portals {
                        if let due = await renew(
                            portal, profiles: profiles, directory: watched.directory, state: &state)
                        {
                            next = min(next, due)
                        }
                    }
                    events(.checked(next: next))
                    let now = clock.now()
                    await alarm.arm(at: schedule.wakeTime(for: next, now: now), now: now)
                    guard let reason = await iterator.next() else { return }
                    events(.woke(reason))
                }
            }
        }
    }

    /// Reads the config again into `watched`; a config that no longer reads keeps the previous one
    /// until the next change (or, without file events, the next re-check).
    private func reload(_ watched: inout Watched) async {
        do {
            watched = try await load()
            events(.configReloaded)
        } catch {
            events(.configUnreadable(file: environment.configFile.path, reason: "\(error)"))
        }
    }

    /// Runs `body` with the wall-clock timer where the clock is the system's and the platform has one,
    /// else with a sleep on the monotonic clock.
    private func withAlarm<Result>(
        wake: @escaping @Sendable (AgentWake) -> Void, body: (any AgentAlarm) async throws -> Result
    ) async throws -> Result {
        #if os(Linux)
            if sessionOptions.clock.isSystem {
                return try await WallClockAlarm.with(wake: wake) { alarm in
                    try await body(alarm ?? SleepingAlarm(wake: wake))
                }
            }
        #endif
        return try await body(SleepingAlarm(wake: wake))
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
