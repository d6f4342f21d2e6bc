import FileStore
import Foundation
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

/// The agent with no periodic re-check to fall back on (`recheck` of hours) and lifetimes of hours:
/// whatever it does within a test's seconds was woken by an event, not a timer.
@Suite("Keep-alive agent woken by events")
struct AgentWakeTests {
    static let hours: Duration = .seconds(6 * 3600)

    static func agentOptions() -> AgentOptions {
        var options = AgentOptions()
        options.recheck = hours
        return options
    }

    static func isWoke(_ reason: AgentWake) -> @Sendable (AgentEvent) -> Bool {
        { if case .woke(let woke) = $0 { woke == reason } else { false } }
    }

    /// Runs an agent on the system clock over `sandbox` (default lifetimes: 8-hour tokens, 1-hour credentials).
    /// `prepare` runs once the sandbox is logged in, before the agent starts.
    static func withAgent(
        perPortal: Int = 3, prepare: (ServerSandbox) throws -> Void = { _ in },
        _ body: (RunningEmulator, ServerSandbox, EventLog) async throws -> Void
    ) async throws {
        var configuration = AgentTests.emulatorConfiguration()
        configuration.tokenTTL = .seconds(8 * 3600)
        configuration.credentialTTL = .seconds(3600)
        try await ServerSandbox.withEmulator(configuration) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: perPortal)
            try await sandbox.logIn()
            try prepare(sandbox)
            let log = EventLog()
            let options = SessionOptions(
                transport: NIOHTTPTransport(timeout: .seconds(10)), presenter: SilentPresenter())
            let agent = KeepAliveAgent(
                environment: sandbox.environment, selection: ProfileSelection(all: true), sessionOptions: options,
                options: agentOptions(), events: log.record)
            let running = Task { try await agent.run() }
            defer { running.cancel() }
            #expect(await log.waitFor { if case .pacing(true, _) = $0 { true } else { false } }, "event-driven")
            try await body(emulator, sandbox, log)
            #expect(await log.count(isWoke(.due)) == 0, "no timer woke the agent: every pass came from an event")
        }
    }

    @Test("a config edit adding a profile: read again and the new profile warmed, with no periodic re-check")
    func configEdit() async throws {
        try await Self.withAgent(perPortal: 1) { emulator, served, log in
            var sandbox = served
            #expect(await log.waitFor { if case .watching(2, 2) = $0 { true } else { false } })
            #expect(await log.waitFor { if case .checked = $0 { true } else { false } })
            try await AgentTests.addProfile(&sandbox, emulator: emulator, log: log)
            #expect(await log.count(Self.isWoke(.filesChanged)) >= 1)
        }
    }

    @Test("an edit that breaks the config: said so, the previous config kept, and the fixed one read")
    func brokenEdit() async throws {
        try await Self.withAgent(perPortal: 1) { _, sandbox, log in
            #expect(await log.waitFor { if case .checked = $0 { true } else { false } })
            let valid = sandbox.config(perPortal: 2).text()
            try sandbox.sandboxHome.writeConfig("region = eu-west-1\n" + valid)
            #expect(
                await log.waitFor {
                    if case .configUnreadable(let file, let reason) = $0 {
                        file == sandbox.environment.configFile.path && reason.contains("1")
                    } else {
                        false
                    }
                })
            #expect(await log.count { if case .configReloaded = $0 { true } else { false } } == 0)
            try sandbox.sandboxHome.writeConfig(valid)
            #expect(await log.waitFor { if case .watching(4, 2) = $0 { true } else { false } })
        }
    }

    @Test("a config file that is a symbolic link: an edit of the file it points to is picked up")
    func symlinkedConfig() async throws {
        let dotfiles = "dotfiles/aws-config"
        // The config lives in a dotfiles folder; ~/.aws/config is a link to it.
        let prepare: (ServerSandbox) throws -> Void = { sandbox in
            let link = sandbox.environment.configFile
            let target = sandbox.home.appendingPathComponent(dotfiles)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.moveItem(at: link, to: target)
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        }
        try await Self.withAgent(perPortal: 1, prepare: prepare) { _, sandbox, log in
            #expect(await log.waitFor { if case .watching(2, 2) = $0 { true } else { false } })
            #expect(await log.waitFor { if case .checked = $0 { true } else { false } })
            // An edit of the linked file as an editor saves it there (a rename over it): the link is untouched.
            let text = sandbox.config(perPortal: 2).text()
            try Data(text.utf8).write(to: sandbox.home.appendingPathComponent(dotfiles), options: .atomic)
            #expect(await log.waitFor(Self.isWoke(.filesChanged)))
            #expect(await log.waitFor { if case .watching(4, 2) = $0 { true } else { false } })
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.environment.configFile.path)
            #expect(link.hasSuffix(dotfiles), "still a link")
        }
    }

    @Test("a logout in another process: noticed from the token cache at once, and renewals stop")
    func logoutElsewhere() async throws {
        try await Self.withAgent { _, sandbox, log in
            #expect(await log.waitFor { if case .checked = $0 { true } else { false } })
            _ = try await sandbox.directory(policy: .never).logoutAll()
            #expect(await log.waitFor(Self.isWoke(.filesChanged)))
            #expect(await log.waitFor { if case .loginNeeded = $0 { true } else { false } })
            // Logged in again elsewhere: noticed the same way, and served again.
            let since = await log.events.count
            try await sandbox.logIn()
            #expect(
                await log.waitFor(since: since) { if case .credentialsRenewed = $0 { true } else { false } },
                "renewed again after a login in another process")
        }
    }

    @Test("a clock set (the timerfd's ECANCELED, as the alarm reports it): every deadline decided again at once")
    func clockSet() async throws {
        // The real clock cannot be set in a test: the manual clock jumps a day and the wake-up the
        // alarm reports for a clock set is handed to the agent the same way.
        try await AgentClockTests.withClockedAgent(accountsPerPortal: 1, options: Self.agentOptions()) {
            emulator, sandbox, log, time, wake in
            #expect(await log.waitFor { if case .checked = $0 { true } else { false } })
            #expect(await emulator.stats().grants["refresh_token"] == nil, "fresh tokens: nothing to renew yet")
            time.advance(by: .seconds(24 * 3600))
            let since = await log.events.count
            wake.yield(.clockSet)
            #expect(await log.waitFor(since: since, Self.isWoke(.clockSet)))
            #expect(
                await log.waitFor(since: since) {
                    if case .clockJumped(let wall, _) = $0 { wall >= 24 * 3600 } else { false }
                })
            #expect(await log.waitFor(since: since) { if case .checked = $0 { true } else { false } })
            let left = AgentTests.leastTimeLeft(sandbox, now: time.now())
            #expect(left.token > 15 * 60 && left.credentials > 15 * 60, "\(left)")
            #expect(await emulator.stats().grants["refresh_token"] == 2, "one refresh per portal, no login")
            #expect(await log.count(Self.isWoke(.due)) == 0, "no timer: the clock set woke it")
        }
    }
}
