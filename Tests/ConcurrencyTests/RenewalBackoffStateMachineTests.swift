import Foundation
import Testing

@testable import SessionActors

/// The pace of renewals after failures, on a manual clock.
@Suite("Renewal backoff state machine")
struct RenewalBackoffStateMachineTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("each failure doubles the wait (1, 2, 4 … s, at most 60 s); a success clears it")
    func doubling() {
        let time = ManualWallClock(start: Self.start)
        var machine = RenewalBackoffStateMachine()
        #expect(machine.mayRenew(now: time.now()))
        var waits: [Double] = []
        for _ in 0..<8 {
            machine.failed(now: time.now())
            #expect(!machine.mayRenew(now: time.now()))
            let wait = machine.notBefore.map { $0.timeIntervalSince(time.now()) } ?? 0
            waits.append(wait)
            time.advance(by: .milliseconds(Int64(wait * 1000) - 1))
            #expect(!machine.mayRenew(now: time.now()), "1 ms before the wait ends")
            time.advance(by: .milliseconds(1))
            #expect(machine.mayRenew(now: time.now()))
        }
        #expect(waits == [1, 2, 4, 8, 16, 32, 60, 60])
        machine.succeeded()
        #expect(machine.failures == 0)
        #expect(machine.mayRenew(now: time.now()))
        machine.failed(now: time.now())
        #expect(machine.notBefore == time.now().addingTimeInterval(1), "back to the first delay")
    }

    @Test("a clock set back does not shorten the wait")
    func clockBack() {
        let time = ManualWallClock(start: Self.start)
        var machine = RenewalBackoffStateMachine()
        machine.failed(now: time.now())
        time.advance(by: .seconds(-3600))
        #expect(!machine.mayRenew(now: time.now()))
    }
}
