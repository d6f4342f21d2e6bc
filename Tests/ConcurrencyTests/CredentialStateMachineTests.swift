import AWSFormats
import Foundation
import SSOCache
import Testing

@testable import SessionActors

/// The decisions of a role's credentials on a manual clock, and the refusal interleavings that once
/// cost a second refresh.
@Suite("Credential state machine")
struct CredentialStateMachineTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func credentials(_ id: String, lifetime: Double = 3600) -> RoleCredentials {
        RoleCredentials(
            accessKeyID: id, secretAccessKey: "secret-\(id)", sessionToken: "token-\(id)",
            expiration: start.addingTimeInterval(lifetime))
    }

    static let requestCases: [(Double, Bool, CredentialStateMachine.Action)] = [
        (0, false, .use(credentials("A"))),
        (2699.999, false, .use(credentials("A"))),
        (2700, false, .readCache),  // the refresh window opened: look for newer ones in the cache file
        (0, true, .fetch),  // forced
        (-86_400, false, .use(credentials("A"))),  // the clock went back a day
    ]

    @Test("what a caller gets as the hour passes", arguments: requestCases)
    func request(moved: Double, force: Bool, expected: CredentialStateMachine.Action) {
        let time = ManualWallClock(start: Self.start)
        var machine = CredentialStateMachine(margins: .roleCredentials)
        machine.fetched(Self.credentials("A"))
        time.advance(by: .milliseconds(Int64(moved * 1000)))
        #expect(machine.request(now: time.now(), forceRefresh: force) == expected)
    }

    static let cacheCases: [(RoleCredentials?, CredentialStateMachine.Action)] = [
        (nil, .fetch),
        (credentials("B", lifetime: 900), .fetch),  // exactly at the window: not fresh
        (credentials("B", lifetime: 900.001), .use(credentials("B", lifetime: 900.001))),
    ]

    @Test("what the cache file's credentials decide", arguments: cacheCases)
    func cacheRead(cached: RoleCredentials?, expected: CredentialStateMachine.Action) {
        var machine = CredentialStateMachine(margins: .roleCredentials)
        #expect(machine.request(now: Self.start) == .readCache)
        #expect(machine.cacheRead(cached, now: Self.start) == expected)
        if case .use(let used) = expected { #expect(machine.current == used) } else { #expect(machine.current == nil) }
    }

    static let refusalCases: [(String, CredentialStateMachine.Action)] = [
        ("A", .fetch),  // the held ones were refused
        ("Z", .use(credentials("A"))),  // an older set was refused: the held ones replace it
    ]

    @Test("a refusal fetches only while the refused credentials are the ones held", arguments: refusalCases)
    func refused(id: String, expected: CredentialStateMachine.Action) {
        var machine = CredentialStateMachine(margins: .roleCredentials)
        machine.fetched(Self.credentials("A"))
        #expect(machine.refused(accessKeyID: id, now: Self.start) == expected)
    }

    @Test("a refusal of older credentials still fetches when the held ones are in their refresh window")
    func refusedOlderButHeldDue() {
        var machine = CredentialStateMachine(margins: .roleCredentials)
        machine.fetched(Self.credentials("A", lifetime: 600))
        #expect(machine.refused(accessKeyID: "Z", now: Self.start) == .fetch)
    }

    /// The interleaving behind the flaky `ChainWarmUpTests.refusedSourceRefreshedOnce`: hop 1's
    /// refusal starts a refresh; hop 2's refusal of the same credentials arrives while it is in flight
    /// (it joins); hop 3's arrives after the refresh ended but before its waiters were answered. The
    /// refresh replaced the held credentials itself, so hop 3 gets them: one refresh in all.
    @Test("refusals before, during and just after the refresh cost one refresh")
    func refusalAfterRefreshEnded() {
        var credentials = CredentialStateMachine(margins: .roleCredentials)
        var flight = SingleFlightStateMachine()
        credentials.fetched(Self.credentials("A"))
        // Hop 1: A refused → fetch → starts attempt 1.
        #expect(credentials.refused(accessKeyID: "A", now: Self.start) == .fetch)
        #expect(credentials.request(now: Self.start, forceRefresh: true) == .fetch)
        #expect(flight.join(waiter: 1, isCancelled: false) == .start(attempt: 1))
        // Hop 2: A refused while attempt 1 runs → fetch → joins it.
        #expect(credentials.refused(accessKeyID: "A", now: Self.start) == .fetch)
        #expect(flight.join(waiter: 2, isCancelled: false) == .wait)
        // Attempt 1 gets B and holds it before anyone is answered; then it ends.
        credentials.fetched(Self.credentials("B"))
        #expect(flight.finish(attempt: 1) == .resume(waiters: [1, 2]))
        // Hop 3: A refused after the end, before hops 1 and 2 resumed: B, no second attempt.
        #expect(credentials.refused(accessKeyID: "A", now: Self.start) == .use(Self.credentials("B")))
        #expect(flight.attempts == 1)
    }

    @Test("forgetting (a logout) makes the next caller read the cache")
    func forget() {
        var machine = CredentialStateMachine(margins: .roleCredentials)
        machine.fetched(Self.credentials("A"))
        machine.forget()
        #expect(machine.current == nil)
        #expect(machine.request(now: Self.start) == .readCache)
    }
}
