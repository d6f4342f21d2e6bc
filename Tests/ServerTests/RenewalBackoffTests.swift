import CredentialServer
import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Credential server: renewal backoff and the loop's cache")
struct RenewalBackoffTests {
    @Test(
        "after a failed renewal, requests are served the held credentials without trying again until the backoff ends")
    func backoff() async throws {
        try await ServerSandbox.withManualClockServer(credentialTTL: .seconds(20 * 60)) { emulator, clock, get in
            let first = try await get()
            #expect(first.status == 200)
            let key = first.json["AccessKeyId"] as? String
            await emulator.revokeAllTokens(portal: nil)
            // 14 minutes left: inside the refresh window, so a renewal is tried, and fails.
            clock.advance(by: .seconds(6 * 60))
            func requests() async -> Int { await emulator.stats().calls.values.reduce(0, +) }
            let before = await requests()
            let held = try await get()
            #expect(held.status == 200 && held.json["AccessKeyId"] as? String == key)
            let afterFirstFailure = await requests()
            #expect(afterFirstFailure > before, "the renewal was tried")
            // Within the first backoff (1 s): served, no new try.
            for _ in 0..<20 {
                let answer = try await get()
                #expect(answer.status == 200 && answer.json["AccessKeyId"] as? String == key)
            }
            #expect(await requests() == afterFirstFailure, "no renewal during the backoff")
            // The backoff over: one more try, which fails; the next wait is 2 s.
            clock.advance(by: .seconds(1))
            #expect(try await get().status == 200)
            let afterSecondFailure = await requests()
            #expect(afterSecondFailure > afterFirstFailure, "tried again once the backoff ended")
            clock.advance(by: .milliseconds(1500))
            #expect(try await get().status == 200)
            #expect(await requests() == afterSecondFailure, "the second wait is longer")
            clock.advance(by: .milliseconds(500))
            #expect(try await get().status == 200)
            #expect(await requests() > afterSecondFailure)
            // The third wait is 4 s.
            let afterThirdFailure = await requests()
            clock.advance(by: .milliseconds(3900))
            #expect(try await get().status == 200)
            #expect(await requests() == afterThirdFailure)
            clock.advance(by: .milliseconds(200))
            #expect(try await get().status == 200)
            #expect(await requests() > afterThirdFailure)
        }
    }

    @Test("a cached answer is never served once its credentials enter the refresh window")
    func cacheHonoursTheWindow() async throws {
        try await ServerSandbox.withManualClockServer(credentialTTL: .seconds(20 * 60)) { emulator, clock, get in
            var keys = Set<String>()
            for _ in 0..<50 {
                let answer = try await get()
                #expect(answer.status == 200)
                keys.insert(answer.json["AccessKeyId"] as? String ?? "")
            }
            #expect(keys.count == 1)
            let fetched = await emulator.stats().calls["GetRoleCredentials"] ?? 0
            // 5 minutes and 1 second later: 14:59 left, inside the 15-minute window.
            clock.advance(by: .seconds(5 * 60 + 1))
            let renewed = try await get()
            #expect(renewed.status == 200)
            #expect(!keys.contains(renewed.json["AccessKeyId"] as? String ?? ""), "renewed, not the cached answer")
            #expect(await emulator.stats().calls["GetRoleCredentials"] ?? 0 == fetched + 1)
        }
    }
}
