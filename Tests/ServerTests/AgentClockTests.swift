import Foundation
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

@Suite("Keep-alive agent on a manual clock")
struct AgentClockTests {
    /// The AWS CLI's and botocore's 15-minute window: what the agent keeps every cache entry out of.
    static let window: TimeInterval = 15 * 60

    /// Runs the agent with its default margins and lead, the emulator (8-hour tokens, 1-hour credentials)
    /// and the actors all on `time`; `body` advances it and waits for the agent's passes.
    private func withClockedAgent(
        _ body: (RunningEmulator, ServerSandbox, EventLog, ManualWallClock) async throws -> Void
    ) async throws {
        var agentOptions = AgentOptions()
        agentOptions.recheck = .milliseconds(200)
        try await Self.withClockedAgent(accountsPerPortal: 2, options: agentOptions) {
            emulator, sandbox, log, time, _ in
            try await body(emulator, sandbox, log, time)
        }
    }

    /// The agent on a manual clock with `options`, over 2 portals of `accountsPerPortal` profiles each,
    /// woken through a stream `body` can report into too (as the file watcher and the alarm do).
    static func withClockedAgent(
        accountsPerPortal: Int, options agentOptions: AgentOptions,
        _ body: (RunningEmulator, ServerSandbox, EventLog, ManualWallClock, AsyncStream<AgentWake>.Continuation)
            async throws -> Void
    ) async throws {
        let time = ManualWallClock()
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = accountsPerPortal
        configuration.rolesPerAccount = 1
        let now: @Sendable () -> Date = { time.now() }
        try await ServerSandbox.withEmulator(configuration, clock: now) { emulator, sandbox in
            try await sandbox.logIn()
            await emulator.reset()
            let log = EventLog()
            var options = SessionOptions(
                transport: NIOHTTPTransport(timeout: .seconds(10)), presenter: SilentPresenter())
            options.clock = time.clock
            let agent = KeepAliveAgent(
                environment: sandbox.environment, selection: ProfileSelection(all: true), sessionOptions: options,
                options: agentOptions, events: log.record)
            let (wakes, wake) = AsyncStream.makeStream(of: AgentWake.self, bufferingPolicy: .bufferingNewest(1))
            let running = Task { try await agent.run(wakes: wakes, wake: wake) }
            defer { running.cancel() }
            try await body(emulator, sandbox, log, time, wake)
        }
    }

    /// Advances the clock, then waits for a whole pass of the agent that started after the advance.
    private func step(_ time: ManualWallClock, by duration: Duration, log: EventLog) async -> Bool {
        let since = await log.events.count
        time.advance(by: duration)
        // The pass running during the advance may have read the old time: wait for the one after it.
        guard await log.waitFor(since: since, { if case .checked = $0 { true } else { false } }) else { return false }
        let after = await log.events.count
        return await log.waitFor(since: after) { if case .checked = $0 { true } else { false } }
    }

    @Test("24 simulated hours in 40-minute steps: every token and credential stays out of the window, no login")
    func simulatedDay() async throws {
        try await withClockedAgent { emulator, sandbox, log, time in
            for hour in stride(from: 0, to: 24 * 60, by: 40) {
                #expect(
                    await step(time, by: .seconds(40 * 60), log: log), "the agent stopped checking at minute \(hour)")
                let left = AgentTests.leastTimeLeft(sandbox, now: time.now())
                #expect(left.token > Self.window, "minute \(hour + 40): token with \(left.token) s left")
                #expect(
                    left.credentials > Self.window, "minute \(hour + 40): credentials with \(left.credentials) s left")
            }
            let stats = await emulator.stats()
            #expect(stats.calls["StartDeviceAuthorization"] == nil && stats.calls["Authorize"] == nil, "no login")
            #expect((stats.grants["refresh_token"] ?? 0) >= 2 * 3, "8-hour tokens over 24 hours, 2 portals")
            #expect((stats.calls["GetRoleCredentials"] ?? 0) >= 4 * 24 * 60 / 60 / 2)
        }
    }

    @Test("a clock jump of a day: renewed with the refresh tokens at the next check, no login")
    func dayJump() async throws {
        try await withClockedAgent { emulator, sandbox, log, time in
            // A first pass before the jump, so the jump falls between two passes.
            #expect(await log.waitFor { if case .checked = $0 { true } else { false } })
            #expect(await step(time, by: .seconds(24 * 3600), log: log))
            let left = AgentTests.leastTimeLeft(sandbox, now: time.now())
            #expect(left.token > Self.window && left.credentials > Self.window, "\(left)")
            let stats = await emulator.stats()
            #expect(stats.calls["StartDeviceAuthorization"] == nil && stats.calls["Authorize"] == nil)
            #expect(stats.grants["refresh_token"] == 2, "one refresh per portal")
            #expect(await log.count { if case .loginNeeded = $0 { true } else { false } } == 0)
            let jumps = await log.events.compactMap { event -> TimeInterval? in
                if case .clockJumped(let wall, _) = event { wall } else { nil }
            }
            #expect(jumps.filter { $0 >= 24 * 3600 }.count == 1, "the wake-up is noticed once: \(jumps)")
        }
    }

    @Test("a jump is wall time and monotonic time apart by more than 5 s over one sleep, either way")
    func jumpDetection() {
        #expect(KeepAliveAgent.clockJump(wall: 60.2, monotonic: .seconds(60)) == nil)
        #expect(KeepAliveAgent.clockJump(wall: 0, monotonic: .seconds(4)) == nil)
        guard
            case .clockJumped(let wall, let monotonic)? = KeepAliveAgent.clockJump(
                wall: 3 * 3600, monotonic: .seconds(60))
        else {
            Issue.record("a suspend of three hours is a jump")
            return
        }
        #expect(wall == 3 * 3600 && monotonic == 60)
        #expect(KeepAliveAgent.clockJump(wall: -600, monotonic: .seconds(60)) != nil, "a clock set back")
    }
}
