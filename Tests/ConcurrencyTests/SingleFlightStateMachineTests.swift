import Testing

@testable import SessionActors

/// The single-flight bookkeeping, step by step: who starts, who waits, who is answered, what an
/// abandoned attempt's late end does.
@Suite("Single-flight state machine")
struct SingleFlightStateMachineTests {
    @Test("the first caller starts, the next ones wait, the end answers them all at once", arguments: [1, 2, 10, 100])
    func sharedAttempt(callers: Int) {
        var machine = SingleFlightStateMachine()
        #expect(machine.join(waiter: 0, isCancelled: false) == .start(attempt: 1))
        for waiter in 1..<callers {
            #expect(machine.join(waiter: waiter, isCancelled: false) == .wait)
        }
        #expect(machine.waiterCount == callers)
        #expect(machine.finish(attempt: 1) == .resume(waiters: Set(0..<callers)))
        #expect(machine.state == .idle(last: 1))
        #expect(machine.attempts == 1)
        // The next caller after the end starts afresh (a failure is never sticky).
        #expect(machine.join(waiter: callers, isCancelled: false) == .start(attempt: 2))
    }

    @Test("a caller cancelled before joining starts nothing")
    func cancelledBeforeJoining() {
        var machine = SingleFlightStateMachine()
        #expect(machine.join(waiter: 0, isCancelled: true) == .cancel)
        #expect(machine.state == .idle(last: 0) && machine.attempts == 0)
    }

    @Test("one waiter cancelled: answered at once, the attempt goes on for the others")
    func oneWaiterCancelled() {
        var machine = SingleFlightStateMachine()
        _ = machine.join(waiter: 0, isCancelled: false)
        _ = machine.join(waiter: 1, isCancelled: false)
        #expect(machine.cancel(waiter: 0) == .resumeCancelled)
        #expect(machine.cancel(waiter: 0) == .none, "a second cancellation of the same waiter does nothing")
        #expect(machine.finish(attempt: 1) == .resume(waiters: [1]))
        #expect(machine.cancel(waiter: 1) == .none, "cancelled after being answered: nothing")
    }

    @Test("every waiter cancelled: the attempt is abandoned, its late end answers nobody")
    func abandoned() {
        var machine = SingleFlightStateMachine()
        _ = machine.join(waiter: 0, isCancelled: false)
        _ = machine.join(waiter: 1, isCancelled: false)
        #expect(machine.cancel(waiter: 1) == .resumeCancelled)
        #expect(machine.cancel(waiter: 0) == .resumeCancelledAndAbandon)
        #expect(!machine.isRunning)
        #expect(machine.join(waiter: 2, isCancelled: false) == .start(attempt: 2))
        #expect(machine.finish(attempt: 1) == .ignore, "the abandoned attempt must not answer attempt 2's waiter")
        #expect(machine.waiterCount == 1)
        #expect(machine.finish(attempt: 2) == .resume(waiters: [2]))
    }
}
