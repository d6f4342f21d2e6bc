import AWSFormats
import AsyncHTTPClient
import CredentialServer
import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Credential server: freshness, single flight, logins")
struct CredentialServerTests {
    static func emulatorConfiguration(latency: Duration = .zero, credentialTTL: Duration = .seconds(3600))
        -> EmulatorConfiguration
    {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = 2
        configuration.rolesPerAccount = 2
        configuration.latency = latency
        configuration.credentialTTL = credentialTTL
        return configuration
    }

    @Test("2,000 concurrent requests for one profile cause one GetRoleCredentials")
    func singleFlight() async throws {
        try await ServerSandbox.withEmulator(Self.emulatorConfiguration(latency: .milliseconds(300))) {
            emulator, sandbox in
            try await sandbox.logIn()
            await emulator.reset()
            let directory = try sandbox.directory(policy: .never)
            let (token, secret) = ServerSandbox.newToken()
            let configuration = try sandbox.configuration(directory, token: token)
            let name = sandbox.profileNames[0]
            let answers = try await withCredentialServer(configuration, directory: directory) { server in
                try await ServerClient.with { client in
                    try await withThrowingTaskGroup(of: ServerClient.Answer.self) { group in
                        for _ in 0..<2000 {
                            group.addTask {
                                try await ServerClient.get(client, server.url(forProfile: name), token: secret)
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                }
            }
            #expect(answers.count == 2000)
            #expect(answers.allSatisfy { $0.status == 200 })
            #expect(Set(answers.compactMap { $0.json["AccessKeyId"] as? String }).count == 1)
            let stats = await emulator.stats()
            #expect(stats.calls["GetRoleCredentials"] == 1)
        }
    }

    @Test("over several short lifetimes, nothing expired or inside the window is served; one fetch per rollover")
    func rollovers() async throws {
        try await ServerSandbox.withEmulator(Self.emulatorConfiguration(credentialTTL: .seconds(6))) {
            emulator, sandbox in
            try await sandbox.logIn()
            await emulator.reset()
            let directory = try sandbox.directory(policy: .never, margin: .seconds(3))
            let (token, secret) = ServerSandbox.newToken()
            let name = sandbox.profileNames[1]
            let start = Date()
            let (answers, lefts) = try await withCredentialServer(
                try sandbox.configuration(directory, token: token), directory: directory
            ) { server in
                try await ServerClient.with { client in
                    try await withThrowingTaskGroup(of: [(ServerClient.Answer, TimeInterval)].self) { group in
                        for _ in 0..<16 {
                            group.addTask {
                                var seen: [(ServerClient.Answer, TimeInterval)] = []
                                while Date().timeIntervalSince(start) < 13 {
                                    let answer = try await ServerClient.get(
                                        client, server.url(forProfile: name), token: secret)
                                    let expiration = (answer.json["Expiration"] as? String).flatMap(
                                        CacheTimestamp.parse)
                                    seen.append((answer, expiration.map { $0.timeIntervalSinceNow } ?? -1))
                                    // Callers ask every 100 ms of wall time, across a real credential rollover.
                                    try await Task.sleep(for: .milliseconds(100))
                                }
                                return seen
                            }
                        }
                        let all = try await group.reduce(into: []) { $0 += $1 }
                        return (all.map(\.0), all.map(\.1))
                    }
                }
            }
            #expect(answers.count > 100)
            #expect(answers.allSatisfy { $0.status == 200 })
            // Expirations are whole seconds (the AWS CLI's format), so allow one second of truncation.
            #expect((lefts.min() ?? -1) > 1.5)
            let fetches = await emulator.stats().calls["GetRoleCredentials"] ?? 0
            let keys = Set(answers.compactMap { $0.json["AccessKeyId"] as? String })
            #expect(fetches == keys.count)
            #expect(
                (4...8).contains(fetches), "13 s of 6 s credentials renewed 3 s before expiry: about 13 / 3 + 1 fetches"
            )
        }
    }

    @Test("a needed login is a 503 naming the command; after a login elsewhere it serves without a restart")
    func loginNeeded() async throws {
        try await ServerSandbox.withEmulator(Self.emulatorConfiguration()) { emulator, sandbox in
            let directory = try sandbox.directory(policy: .never)
            let (token, secret) = ServerSandbox.newToken()
            try await withCredentialServer(try sandbox.configuration(directory, token: token), directory: directory) {
                server in
                try await ServerClient.with { client in
                    let url = server.url(forProfile: sandbox.profileNames[0])
                    let before = try await ServerClient.get(client, url, token: secret)
                    #expect(before.status == 503)
                    #expect((before.json["Message"] as? String)?.contains("multisso login --sso-session s0") == true)
                    #expect(
                        await emulator.stats().calls["StartDeviceAuthorization"] == nil,
                        "the server never starts a login")
                    try await sandbox.logIn()
                    let after = try await ServerClient.get(client, url, token: secret)
                    #expect(after.status == 200)
                    #expect(after.json["AccessKeyId"] is String)
                }
            }
        }
    }

    @Test("a failed renewal keeps serving the current credentials while over 10 minutes are left, then the error")
    func failedRenewalKeepsServing() async throws {
        try await ServerSandbox.withManualClockServer(credentialTTL: .seconds(20 * 60)) { emulator, clock, get in
            let first = try await get()
            #expect(first.status == 200)
            let fetched = await emulator.stats().calls["GetRoleCredentials"] ?? 0
            await emulator.revokeAllTokens(portal: nil)
            // 14 minutes left: inside the 15-minute window, so a renewal is tried, and fails.
            clock.advance(by: .seconds(6 * 60))
            let held = try await get()
            #expect(held.status == 200)
            #expect(held.json["AccessKeyId"] as? String == first.json["AccessKeyId"] as? String)
            #expect(await emulator.stats().calls["GetRoleCredentials"] ?? 0 > fetched, "the renewal was tried")
            // 9 minutes left: botocore would throw them away at once, so the renewal's error is served.
            clock.advance(by: .seconds(5 * 60))
            let refused = try await get()
            #expect(refused.status == 503)
            #expect((refused.json["Message"] as? String)?.contains("multisso login --sso-session s0") == true)
        }
    }

    @Test("GET /profiles lists the served profiles; names are percent-encoded in paths")
    func listing() async throws {
        try await ServerSandbox.withEmulator(Self.emulatorConfiguration()) { emulator, sandbox in
            try await sandbox.logIn()
            let directory = try sandbox.directory(policy: .never)
            let (token, secret) = ServerSandbox.newToken()
            try await withCredentialServer(try sandbox.configuration(directory, token: token), directory: directory) {
                server in
                try await ServerClient.with { client in
                    let listing = try await ServerClient.get(client, server.baseURL + "/profiles", token: secret)
                    #expect(listing.json["Profiles"] as? [String] == sandbox.profileNames.sorted())
                    let name = sandbox.profileNames[0]
                    #expect(name.contains(" ") && name.contains("/"))
                    #expect(!server.url(forProfile: name).contains(" "))
                    let answer = try await ServerClient.get(client, server.url(forProfile: name), token: secret)
                    #expect(answer.status == 200)
                    #expect(
                        answer.json["AccountId"] as? String
                            == name.split(separator: " ")[1].split(separator: "/")[0].description)
                }
            }
        }
    }
}
