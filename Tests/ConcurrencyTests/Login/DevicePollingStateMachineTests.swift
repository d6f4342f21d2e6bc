import SessionActors
import Testing

@Suite("Device code polling decisions")
struct DevicePollingStateMachineTests {
    @Test("interval defaults to 5 s and follows the server's value")
    func interval() {
        #expect(DevicePollingStateMachine(interval: nil).interval == .seconds(5))
        #expect(DevicePollingStateMachine(interval: 0).interval == .seconds(5))
        #expect(DevicePollingStateMachine(interval: 1).interval == .seconds(1))
    }

    @Test("pending waits the interval; SlowDown adds 5 s permanently")
    func slowDown() {
        var machine = DevicePollingStateMachine(interval: 1)
        #expect(machine.next(afterErrorCode: "AuthorizationPendingException") == .pollAgain(after: .seconds(1)))
        #expect(machine.next(afterErrorCode: "SlowDownException") == .pollAgain(after: .seconds(6)))
        #expect(machine.next(afterErrorCode: "AuthorizationPendingException") == .pollAgain(after: .seconds(6)))
        #expect(machine.next(afterErrorCode: "SlowDownException") == .pollAgain(after: .seconds(11)))
    }

    @Test("expired stops; anything else aborts")
    func terminal() {
        var machine = DevicePollingStateMachine(interval: 5)
        #expect(machine.next(afterErrorCode: "ExpiredTokenException") == .expired)
        #expect(machine.next(afterErrorCode: "AccessDeniedException") == .abort)
        #expect(machine.next(afterErrorCode: "InvalidGrantException") == .abort)
        #expect(machine.next(afterErrorCode: "500") == .abort)
    }
}
