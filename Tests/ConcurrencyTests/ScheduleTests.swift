import Foundation
import Testing

@testable import SessionActors

/// Retry and renewal timing, decided without sleeping or randomness.
@Suite("Retry and renewal schedules")
struct ScheduleTests {
    @Test("passing failures: ceilings double from 100 ms, the sixth failure gives up")
    func passingFailures() {
        var machine = LimitedRetryStateMachine(policy: CredentialRetryPolicy())
        let ceilings = (1...5).map { _ in machine.failed() }
        #expect(
            ceilings
                == [100, 200, 400, 800, 1600].enumerated().map {
                    .retry(attempt: $0.offset + 1, backoffCap: .milliseconds($0.element))
                })
        #expect(machine.failed() == .giveUp)
    }

    @Test("throttling: the ceiling stops growing after the fourth time, the 40th gives up")
    func throttling() {
        var machine = LimitedRetryStateMachine(policy: CredentialRetryPolicy())
        var actions: [LimitedRetryStateMachine.Action] = []
        for _ in 1...40 { actions.append(machine.throttled()) }
        #expect(actions[3] == .retry(attempt: 4, backoffCap: .milliseconds(800)))
        #expect(actions[38] == .retry(attempt: 39, backoffCap: .milliseconds(800)))
        #expect(actions[39] == .giveUp)
        #expect(machine.failedAttempts == 0, "throttling and failures are counted apart")
    }

    @Test("the ceiling never passes maxDelay", arguments: [1, 7, 8, 17, 1000])
    func ceiling(attempt: Int) {
        let cap = CredentialRetryPolicy().backoffCap(attempt: attempt)
        #expect(cap <= .seconds(10) && cap >= .milliseconds(100))
        #expect(CredentialRetryPolicy.jittered(cap) <= cap)
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let schedule: RenewalSchedule = {
        var options = AgentOptions()
        options.recheck = .seconds(60)
        var token = ExpiryMargins.token
        token.refresh += options.lead
        var credentials = ExpiryMargins.roleCredentials
        credentials.refresh += options.lead
        return RenewalSchedule(options: options, tokenMargins: token, credentialMargins: credentials)
    }()

    static let sleepCases: [(Double, Double)] = [
        (3000, 3000),  // ahead: sleep to it
        (0.2, 1),  // very close: at least a second
        (0, 60),  // due now right after a pass: the re-check, not a loop
        (-7200, 60),  // the clock jumped forward past it (a wake-up): the re-check
    ]

    @Test("how long the agent sleeps towards its next deadline", arguments: sleepCases)
    func sleep(deadlineIn: Double, expected: Double) {
        let wait = Self.schedule.sleep(until: Self.now.addingTimeInterval(deadlineIn), now: Self.now)
        #expect(wait == .milliseconds(Int64(expected * 1000)))
    }

    @Test("deadlines are 20 minutes before expiry (the 15-minute window and the 5-minute lead)")
    func deadlines() {
        let expiry = Self.now.addingTimeInterval(3600)
        #expect(Self.schedule.tokenDue(expiresAt: expiry) == Self.now.addingTimeInterval(2400))
        #expect(Self.schedule.credentialsDue(expiration: expiry) == Self.now.addingTimeInterval(2400))
        #expect(Self.schedule.nextCheck(now: Self.now) == Self.now.addingTimeInterval(60))
    }

    static let backoffCases: [(Int, Int)] = [(1, 5), (2, 10), (3, 20), (7, 300), (40, 300)]

    @Test("backoff after failures: 5 s doubling to at most 5 minutes", arguments: backoffCases)
    func retry(failures: Int, seconds: Int) {
        let (at, wait) = Self.schedule.retry(failures: failures, now: Self.now)
        #expect(wait == .seconds(seconds))
        #expect(at == Self.now.addingTimeInterval(Double(seconds)))
    }

    static let warningCases: [(Double, Bool)] = [(259_199, true), (259_200, false), (-1, true)]

    @Test("a session ending within three days is worth a warning", arguments: warningCases)
    func warning(endsIn: Double, warn: Bool) {
        #expect(Self.schedule.sessionEndingSoon(Self.now.addingTimeInterval(endsIn), now: Self.now) == warn)
    }

    @Test("event-driven: no periodic check, the wake-up at the deadline however far; warnings have a deadline too")
    func eventDriven() {
        var schedule = Self.schedule
        schedule.eventDriven = true
        #expect(schedule.nextCheck(now: Self.now) == .distantFuture)
        #expect(schedule.wakeTime(for: .distantFuture, now: Self.now) == .distantFuture)
        let far = Self.now.addingTimeInterval(6 * 3600)
        #expect(schedule.wakeTime(for: far, now: Self.now) == far)
        #expect(schedule.wakeTime(for: Self.now, now: Self.now) == Self.now.addingTimeInterval(60), "no loop")
        #expect(Self.schedule.wakeTime(for: far, now: Self.now) == far, "the re-check caps the deadline, not the wake")
        let ending = Self.now.addingTimeInterval(10 * 24 * 3600)
        #expect(schedule.warningDue(ending) == Self.now.addingTimeInterval(7 * 24 * 3600))
    }
}
