import Foundation
import SSOCache
import Testing

@testable import SessionActors

/// A portal token's decisions on a manual clock: reuse, refresh, log in, or keep the old token.
@Suite("Token state machine")
struct TokenStateMachineTests {
    static let start = FreshnessTests.start
    static let token = FreshnessTests.token(.complete)  // 8 hours, refreshable for 90 days

    /// The machine's decision under the lock once `moved` seconds passed.
    static func underLock(_ token: CachedToken?, moved: Double, rejected: Bool = false)
        -> TokenStateMachine.LockedAction
    {
        let time = ManualWallClock(start: start)
        time.advance(by: .milliseconds(Int64(moved * 1000)))
        var machine = TokenStateMachine(margins: .token)
        if rejected { machine.invalidate(accessToken: "access") }
        return machine.underLock(cached: token, now: time.now())
    }

    static let underLockCases: [(Double, TokenStateMachine.LockedAction)] = [
        (0, .reuse(token)),
        (27_900 - 0.001, .reuse(token)),
        (27_900, .refresh(token)),  // exactly 15 minutes left: the refresh window opened
        (32_400, .refresh(token)),  // expired an hour ago: the refresh token still works
    ]

    @Test("under the lock, as 8 hours pass", arguments: underLockCases)
    func underLock(moved: Double, expected: TokenStateMachine.LockedAction) {
        #expect(Self.underLock(Self.token, moved: moved) == expected)
    }

    static let loginCases: [(CachedToken?, Double)] = [
        (nil, 0), (FreshnessTests.token(.noRefreshToken), 28_800),
        (FreshnessTests.token(.complete, registrationLeft: 3600), 28_800),
    ]

    @Test("log in when nothing is cached, nothing can refresh, or the registration ended", arguments: loginCases)
    func login(token: CachedToken?, moved: Double) {
        #expect(Self.underLock(token, moved: moved) == .login)
    }

    @Test("a refused token is refreshed even while it looks fresh")
    func refusedIsRefreshed() {
        #expect(Self.underLock(Self.token, moved: 0, rejected: true) == .refresh(Self.token))
    }

    static let refreshFailedCases: [(Double, Bool, TokenStateMachine.RefreshFailedAction)] = [
        (27_900, false, .keep(token)),
        (28_740 - 0.001, false, .keep(token)),
        (28_740, false, .fail),  // exactly one minute left: the expired margin
        (0, true, .fail),  // refused: never kept
    ]

    @Test("after a passing refresh failure the old token is kept while it has life", arguments: refreshFailedCases)
    func refreshFailed(moved: Double, rejected: Bool, expected: TokenStateMachine.RefreshFailedAction) {
        let time = ManualWallClock(start: Self.start)
        time.advance(by: .milliseconds(Int64(moved * 1000)))
        var machine = TokenStateMachine(margins: .token)
        if rejected { machine.invalidate(accessToken: "access") }
        #expect(machine.refreshFailed(Self.token, now: time.now()) == expected)
    }

    @Test("a refusal drops the held token only when it is that token")
    func invalidate() {
        var machine = TokenStateMachine(margins: .token)
        machine.adopt(Self.token)
        machine.invalidate(accessToken: "older")
        #expect(machine.held(now: Self.start) == Self.token)
        machine.invalidate(accessToken: "access")
        #expect(machine.held(now: Self.start) == nil)
        #expect(!machine.accepts(Self.token, now: Self.start), "a cache file still holding it is not reused")
    }
}
