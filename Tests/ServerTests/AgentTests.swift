import AWSFormats
import Foundation
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

@Suite("Keep-alive agent")
struct AgentTests {
    /// Lifetimes of seconds, and the SDKs' windows scaled down with them: 12-second tokens and
    /// credentials, a 3-second refresh window, renewed 2 seconds before it.
    static func emulatorConfiguration() -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.portals = 2
        configuration.accountsPerPortal = 2
        configuration.rolesPerAccount = 1
        configuration.tokenTTL = .seconds(12)
        configuration.credentialTTL = .seconds(12)
        return configuration
    }

    static let window: TimeInterval = 3

    static func agent(_ sandbox: ServerSandbox, log: EventLog) throws -> KeepAliveAgent {
        var options = SessionOptions(transport: NIOHTTPTransport(timeout: .seconds(10)), presenter: SilentPresenter())
        options.tokenMargins = ExpiryMargins(refresh: .seconds(Int64(window)), expired: .seconds(1))
        options.credentialMargins = ExpiryMargins(refresh: .seconds(Int64(window)), expired: .zero)
        options.credentialRetry.maxFailedAttempts = 1
        options.retry = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10))
        var agentOptions = AgentOptions()
        agentOptions.lead = .seconds(2)
        agentOptions.recheck = .seconds(1)
        agentOptions.backoffBase = .milliseconds(500)
        agentOptions.backoffMax = .seconds(2)
        return KeepAliveAgent(
            environment: sandbox.environment, selection: ProfileSelection(all: true), sessionOptions: options,
            options: agentOptions, events: log.record)
    }

    /// Runs `body` with an emulator, a sandbox (logged in when `loggedIn`) and an agent running on it
    /// (cancelled afterwards), its events in the log.
    static func withAgent(
        loggedIn: Bool = true, perPortal: Int = 3,
        _ body: (RunningEmulator, ServerSandbox, EventLog) async throws -> Void
    ) async throws {
        try await ServerSandbox.withEmulator(emulatorConfiguration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig(perPortal: perPortal)
            if loggedIn { try await sandbox.logIn() }
            let log = EventLog()
            let agent = try Self.agent(sandbox, log: log)
            let running = Task { try await agent.run() }
            defer { running.cancel() }
            try await body(emulator, sandbox, log)
        }
    }

    /// The least time left, now, among the cache files' tokens (`expiresAt`) and credentials (`Expiration`).
    static func leastTimeLeft(_ sandbox: ServerSandbox, now: Date = Date()) -> (
        token: TimeInterval, credentials: TimeInterval
    ) {
        func least(_ folder: String, _ read: ([String: Any]) -> String?) -> TimeInterval {
            let url = sandbox.home.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            var left = TimeInterval.infinity
            for name in names where name.hasSuffix(".json") {
                guard let data = try? Data(contentsOf: url.appendingPathComponent(name)),
                    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                    let text = read(object), let date = CacheTimestamp.parse(text)
                else { continue }
                left = min(left, date.timeIntervalSince(now))
            }
            return left
        }
        let token = least(".aws/sso/cache") { $0["accessToken"] != nil ? $0["expiresAt"] as? String : nil }
        let credentials = least(".aws/cli/cache") { ($0["Credentials"] as? [String: Any])?["Expiration"] as? String }
        return (token, credentials)
    }

    @Test("tokens and credentials renewed before their window over several lifetimes, with no login")
    func renewsAhead() async throws {
        try await ServerSandbox.withEmulator(Self.emulatorConfiguration()) { emulator, sandbox in
            try await sandbox.logIn()
            await emulator.reset()
            let log = EventLog()
            let agent = try Self.agent(sandbox, log: log)
            let running = Task { try await agent.run() }
            let started = Date()
            var lowest = (token: TimeInterval.infinity, credentials: TimeInterval.infinity)
            // Sample the caches as the AWS CLI would find them, for three token lifetimes.
            while Date().timeIntervalSince(started) < 30 {
                // Real time is what is tested here (AgentClockTests runs the same on a manual clock).
                try await Task.sleep(for: .milliseconds(200))
                let left = Self.leastTimeLeft(sandbox)
                if Date().timeIntervalSince(started) > 1 {
                    lowest = (min(lowest.token, left.token), min(lowest.credentials, left.credentials))
                }
            }
            running.cancel()
            _ = try? await running.value
            let stats = await emulator.stats()
            #expect(stats.calls["StartDeviceAuthorization"] == nil && stats.calls["Authorize"] == nil, "no login")
            #expect((stats.grants["refresh_token"] ?? 0) >= 2 * 3, "2 portals, renewed at least 3 times each")
            // Cache timestamps are whole seconds: allow one second below the window's edge.
            #expect(
                lowest.token > Self.window - 1, "a token was found inside the refresh window: \(lowest.token) s left")
            #expect(
                lowest.credentials > Self.window - 1,
                "credentials were found inside the window: \(lowest.credentials) s left")
            #expect(await log.count { if case .tokenRenewed = $0 { true } else { false } } >= 6)
        }
    }

    @Test("a portal needing a login is reported once, never prompts, and is served again after a login elsewhere")
    func loginNeeded() async throws {
        try await Self.withAgent(loggedIn: false) { emulator, sandbox, log in
            #expect(
                await log.waitFor {
                    if case .loginNeeded(_, let command) = $0 {
                        command.hasPrefix("multisso login --sso-session s")
                    } else {
                        false
                    }
                })
            // An absence: a second report gets 2 s of wall time to show up.
            try await Task.sleep(for: .seconds(2))
            #expect(await log.count { if case .loginNeeded = $0 { true } else { false } } == 2, "once per portal")
            #expect(await emulator.stats().calls["StartDeviceAuthorization"] == nil, "the agent never starts a login")
            try await sandbox.logIn()
            #expect(await log.waitFor { if case .credentialsRenewed = $0 { true } else { false } })
        }
    }

    @Test("the service failing for a while: backoff, no busy loop, then recovery")
    func outage() async throws {
        try await Self.withAgent { emulator, _, log in
            #expect(await log.waitFor { if case .credentialsRenewed = $0 { true } else { false } })
            await emulator.update { $0.failRate = 1 }
            await emulator.reset()
            #expect(await log.waitFor(timeout: .seconds(20)) { if case .failed = $0 { true } else { false } })
            // A 6 s outage in wall time: the attempts made during it are what is counted.
            try await Task.sleep(for: .seconds(6))
            let during = await emulator.stats()
            let calls = during.calls.values.reduce(0, +)
            #expect(calls < 120, "backoff bounds the attempts during a 6 s outage: \(calls)")
            await emulator.update { $0.failRate = 0 }
            let since = await log.events.count
            let recovered = await log.waitFor(since: since) { if case .credentialsRenewed = $0 { true } else { false } }
            #expect(recovered, "renewals resume once the service answers")
        }
    }

    @Test("a logout in another process: the agent stops renewing and says a login is needed")
    func logoutElsewhere() async throws {
        try await Self.withAgent { _, sandbox, log in
            #expect(await log.waitFor { if case .credentialsRenewed = $0 { true } else { false } })
            _ = try await sandbox.directory(policy: .never).logoutAll()
            let since = await log.events.count
            #expect(await log.waitFor(since: since) { if case .loginNeeded = $0 { true } else { false } })
            let afterLogin = await log.events.count
            let before = Self.credentialFiles(sandbox)
            // An absence: a renewal that should not happen gets 3 s of wall time to show up.
            try await Task.sleep(for: .seconds(3))
            let renewedSince = await log.events.dropFirst(afterLogin).count {
                if case .credentialsRenewed = $0 { true } else { false }
            }
            #expect(renewedSince == 0, "nothing renewed once the portal needs a login")
            #expect(Self.credentialFiles(sandbox) == before, "no credentials written once the portal needs a login")
        }
    }

    /// The credential cache's files and their modification times.
    static func credentialFiles(_ sandbox: ServerSandbox) -> [String: Date] {
        let folder = sandbox.home.appendingPathComponent(".aws/cli/cache")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var files: [String: Date] = [:]
        for name in names where name.hasSuffix(".json") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)
            files[name] = attributes?[.modificationDate] as? Date
        }
        return files
    }

    @Test("a config edit adding a profile is picked up without a restart")
    func configEdit() async throws {
        try await Self.withAgent(perPortal: 1) { emulator, served, log in
            var sandbox = served
            #expect(await log.waitFor { if case .watching(2, 2) = $0 { true } else { false } })
            try await Self.addProfile(&sandbox, emulator: emulator, log: log)
        }
    }

    /// Edits the config from one profile per portal (2) to two, and waits for the agent to read it again
    /// and warm the added profile's credentials.
    static func addProfile(_ sandbox: inout ServerSandbox, emulator: RunningEmulator, log: EventLog) async throws {
        try sandbox.writeConfig(perPortal: 2)
        let added = sandbox.profileNames.filter { $0.contains(emulator.portals[0].accounts[1].accountID) }
        #expect(added.count == 1)
        #expect(await log.waitFor { if case .configReloaded = $0 { true } else { false } })
        #expect(await log.waitFor { if case .watching(4, 2) = $0 { true } else { false } })
        let name = added.first ?? ""
        #expect(
            await log.waitFor {
                if case .credentialsRenewed(let profile, _) = $0 { profile == name } else { false }
            })
    }
}
