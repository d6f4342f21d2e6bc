import AWSFormats
import FileStore
import Foundation
import SSOCache
import SSOConfig
import SSOEmulator
import SSOWire
import TerminalUI
import TestSupport
import Testing

@testable import SessionActors

/// Role chains at scale, counted at the emulator: one GetRoleCredentials per hub, one AssumeRole per
/// distinct hop however many profiles and callers share it, one refresh for a refused source.
@Suite("Role chains: an actor per hop")
struct ChainWarmUpTests {
    /// Writes `hubs` SSO profiles and, on each, `perHub` chained profiles over `rolesPerHub` distinct
    /// roles, plus one second-level profile per hub; STS is the emulator.
    static func writeChains(_ sandbox: Sandbox, hubs: Int, perHub: Int, rolesPerHub: Int) throws -> [String] {
        let portal = sandbox.emulator.portals[0]
        var text = "[sso-session corp]\nsso_start_url = \(portal.startURL)\nsso_region = \(portal.region)\n"
        var names: [String] = []
        for hub in 0..<hubs {
            let account = portal.accounts[hub]
            text +=
                "\n[profile hub\(hub)]\nsso_session = corp\nsso_account_id = \(account.accountID)\nsso_role_name = \(account.roles[0])\n"
            for index in 0..<perHub {
                let target = portal.accounts[(hub + 1 + index % rolesPerHub) % portal.accounts.count]
                let name = "spoke\(hub)-\(index)"
                text +=
                    "\n[profile \(name)]\nrole_arn = arn:aws:iam::\(target.accountID):role/\(target.roles[1])\nsource_profile = hub\(hub)\nregion = eu-west-1\n"
                names.append(name)
            }
            let deep = portal.accounts[hub]
            text +=
                "\n[profile deep\(hub)]\nrole_arn = arn:aws:iam::\(deep.accountID):role/\(deep.roles[1])\nsource_profile = spoke\(hub)-0\nregion = eu-west-1\n"
            names.append("deep\(hub)")
        }
        try Data(text.utf8).write(to: sandbox.home.appendingPathComponent(".aws/config"))
        return names
    }

    static func directory(_ sandbox: Sandbox, _ configure: (inout SessionOptions) -> Void = { _ in }) throws
        -> SessionDirectory
    {
        var environment = sandbox.environment
        environment.variables["AWS_ENDPOINT_URL_STS"] = sandbox.emulator.baseURL.absoluteString
        let config = try AWSConfigFile.load(environment)
        var options = SessionOptions(
            transport: NIOHTTPTransport(timeout: .seconds(30)), presenter: FollowingPresenter())
        options.useDeviceCode = true
        options.noBrowser = true
        configure(&options)
        return SessionDirectory(environment: environment, config: config, options: options)
    }

    static func chains(_ directory: SessionDirectory, _ names: [String]) throws -> [RoleChain] {
        try names.map { name in
            guard case .chain(let chain) = try directory.credentialProfile(named: name) else {
                throw CancellationError()
            }
            return chain
        }
    }

    @Test("1,000 chained profiles over 10 hubs: exactly 10 GetRoleCredentials and one AssumeRole per distinct hop")
    func scale() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 40
        configuration.latency = .milliseconds(5)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            let names = try Self.writeChains(sandbox, hubs: 10, perHub: 100, rolesPerHub: 20)
            let directory = try Self.directory(sandbox)
            let chains = try Self.chains(directory, names)
            let report = await directory.warmUp([], chains: chains)
            #expect(report.failedCount == 0, "\(report.profiles.first { !$0.succeeded }?.message ?? "")")
            #expect(report.profiles.count == 1010)
            let stats = await emulator.stats()
            #expect(stats.calls["GetRoleCredentials"] == 10)
            #expect(stats.roleCredentialRequests.count == 10)
            // 10 hubs × 20 distinct roles, plus one second-level hop per hub.
            #expect(stats.calls["AssumeRole"] == 210)
            #expect(stats.assumeRoleRequests.values.reduce(0, +) == 210)
            let again = await directory.warmUp([], chains: chains)
            #expect(again.profiles.allSatisfy { $0.succeeded && $0.fromCache })
            #expect(await emulator.stats().calls["AssumeRole"] == 210)
            // botocore's cache key leaves the source out: hops from different hubs to one role share a file.
            #expect(Set(chains.flatMap { $0.hops.map(AssumeRoleCacheKey.init) }).count == 30)
            // A second `login --all` (a new process) finds every chain fresh in those 30 files.
            let second = try Self.directory(sandbox)
            let next = await second.warmUp([], chains: try Self.chains(second, names))
            #expect(next.profiles.count == 1010)
            #expect(next.profiles.allSatisfy { $0.succeeded && $0.fromCache })
            let after = await emulator.stats()
            #expect(after.calls["AssumeRole"] == 210)
            #expect(after.calls["GetRoleCredentials"] == 10)
        }
    }

    @Test("a second run uses the file another hub's hop to the same role wrote; it assumes only what no file answers")
    func secondRunSharesFiles() async throws {
        try await Sandbox.withEmulator { emulator, sandbox in
            // hub0 → accounts 1 and 2, deep0 → account 0; hub1 → accounts 2 and 3, deep1 → account 1.
            let names = try Self.writeChains(sandbox, hubs: 2, perHub: 2, rolesPerHub: 2)
            let first = try Self.directory(sandbox)
            let hub0 = try Self.chains(first, Array(names.prefix(3)))
            #expect(hub0.map(\.profile) == ["spoke0-0", "spoke0-1", "deep0"])
            let report = await first.warmUp([], chains: hub0)
            #expect(report.failedCount == 0, "\(report.profiles.map { $0.message ?? "" })")
            #expect(await emulator.stats().calls["AssumeRole"] == 3)
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 1)

            // Every chain, in a new process: spoke1-0 (account 2) and deep1 (account 1) are in files
            // hub0's hops wrote, so only spoke1-1 (account 3) is assumed, with hub1's credentials.
            let second = try Self.directory(sandbox)
            let next = await second.warmUp([], chains: try Self.chains(second, names))
            #expect(next.failedCount == 0, "\(next.profiles.map { $0.message ?? "" })")
            #expect(next.profiles.filter { !$0.fromCache }.map(\.profile) == ["spoke1-1"])
            let stats = await emulator.stats()
            #expect(stats.calls["AssumeRole"] == 4)
            #expect(stats.calls["GetRoleCredentials"] == 2)
            let account3 = emulator.portals[0].accounts[3]
            #expect(stats.assumeRoleRequests["arn:aws:iam::\(account3.accountID):role/\(account3.roles[1])"] == 1)

            // The same run again, in the same process: everything is held or cached.
            let again = await second.warmUp([], chains: try Self.chains(second, names))
            #expect(again.profiles.allSatisfy { $0.succeeded && $0.fromCache })
            #expect(await emulator.stats().calls["AssumeRole"] == 4)
        }
    }

    @Test("one chained role asked for by 200 callers at once: one GetRoleCredentials, one AssumeRole")
    func singleFlight() async throws {
        var configuration = EmulatorConfiguration()
        configuration.latency = .milliseconds(20)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            _ = try Self.writeChains(sandbox, hubs: 1, perHub: 1, rolesPerHub: 1)
            let directory = try Self.directory(sandbox)
            let keys = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<200 {
                    group.addTask { try await directory.credentials(forProfileNamed: "spoke0-0").accessKeyID }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(keys.count == 1)
            let stats = await emulator.stats()
            #expect(stats.calls["GetRoleCredentials"] == 1)
            #expect(stats.calls["AssumeRole"] == 1)
        }
    }

    @Test("a source STS refuses as expired is refreshed once for all the hops that saw it refused")
    func refusedSourceRefreshedOnce() async throws {
        var configuration = EmulatorConfiguration()
        configuration.credentialTTL = .zero  // the hub's first credentials are expired by the emulator's clock
        configuration.accountsPerPortal = 12
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            let names = try Self.writeChains(sandbox, hubs: 1, perHub: 10, rolesPerHub: 10)
            // multisso's clock runs two hours behind, so it takes them for fresh and keeps them.
            let directory = try Self.directory(sandbox) { options in
                options.clock = WallClock { Date().addingTimeInterval(-7200) }
            }
            guard case .sso(let hub) = try directory.credentialProfile(named: "hub0") else { throw CancellationError() }
            _ = try await directory.credentials(for: .sso(hub))
            await emulator.update { $0.credentialTTL = .seconds(3600) }
            let chains = try Self.chains(directory, names.filter { $0.hasPrefix("spoke") })
            let report = await directory.warmUp([], chains: chains)
            #expect(report.failedCount == 0, "\(report.profiles.map { $0.message ?? "" })")
            let stats = await emulator.stats()
            #expect(stats.calls["GetRoleCredentials"] == 2, "the first fetch and one refresh")
            // Every hop that signed with the first credentials saw them refused once and tried once more.
            let refused = stats.errors["ExpiredToken"] ?? 0
            #expect((1...10).contains(refused))
            #expect(stats.calls["AssumeRole"] == 10 + refused)
        }
    }

    @Test("a source STS keeps refusing fails each hop after one renewal")
    func refusedAgain() async throws {
        var configuration = EmulatorConfiguration()
        configuration.credentialTTL = .zero
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            _ = try Self.writeChains(sandbox, hubs: 1, perHub: 1, rolesPerHub: 1)
            let directory = try Self.directory(sandbox) { options in
                options.clock = WallClock { Date().addingTimeInterval(-7200) }
            }
            do {
                _ = try await directory.credentials(forProfileNamed: "spoke0-0")
                Issue.record("expired credentials were accepted")
            } catch let error as SessionError {
                #expect(error.code == "assume_role_failed")
                #expect("\(error)".contains("ExpiredToken") && "\(error)".contains("multisso login --force"))
            }
            let stats = await emulator.stats()
            #expect(stats.calls["GetRoleCredentials"] == 2)
            #expect(stats.calls["AssumeRole"] == 2)
        }
    }

    @Test("two hops with the same MFA device ask for its code once; the emulator refuses a missing code")
    func mfaOncePerDevice() async throws {
        try await Sandbox.withEmulator { emulator, sandbox in
            _ = try Self.writeChains(sandbox, hubs: 1, perHub: 0, rolesPerHub: 1)
            let accounts = emulator.portals[0].accounts
            var text = try String(contentsOf: sandbox.home.appendingPathComponent(".aws/config"), encoding: .utf8)
            for (index, account) in accounts.prefix(2).enumerated() {
                text +=
                    "\n[profile mfa\(index)]\nrole_arn = arn:aws:iam::\(account.accountID):role/\(account.roles[1])\n"
                text += "source_profile = hub0\nmfa_serial = arn:aws:iam::1:mfa/alice\nregion = eu-west-1\n"
            }
            try Data(text.utf8).write(to: sandbox.home.appendingPathComponent(".aws/config"))
            var fds: [Int32] = [0, 0]
            #expect(pipe(&fds) == 0)
            defer { close(fds[0]) }
            let answer = "123456\n"
            #expect(write(fds[1], answer, answer.utf8.count) == answer.utf8.count)
            close(fds[1])
            let sink = open("/dev/null", O_WRONLY)
            defer { close(sink) }
            let prompter = MFACodePrompter(input: fds[0], output: sink)
            let directory = try Self.directory(sandbox) { options in
                options.mfaPrompter = { serial in try await prompter.code(for: serial) }
            }
            let report = await directory.warmUp([], chains: try Self.chains(directory, ["mfa0", "mfa1"]))
            #expect(report.failedCount == 0, "\(report.profiles.map { $0.message ?? "" })")
            #expect(await emulator.stats().calls["AssumeRole"] == 2)
            let refusing = try Self.directory(sandbox) { options in options.mfaPrompter = { _ in "no" } }
            do {
                _ = try await refusing.credentials(forProfileNamed: "mfa0", forceRefresh: true)
                Issue.record("a wrong MFA code was accepted")
            } catch {
                #expect("\(error)".contains("MultiFactorAuthentication failed"))
            }
        }
    }

    @Test("STS throttling (Throttling) is absorbed by the STS limiter: 60 hops all succeed")
    func throttled() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 61
        configuration.rateLimit = 30
        configuration.burst = 5
        configuration.rateLimitedOperations = ["AssumeRole"]
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            let names = try Self.writeChains(sandbox, hubs: 1, perHub: 60, rolesPerHub: 60)
            let directory = try Self.directory(sandbox)
            let report = await directory.warmUp(
                [], chains: try Self.chains(directory, names.filter { $0.hasPrefix("spoke") }))
            #expect(report.failedCount == 0, "\(report.profiles.first { !$0.succeeded }?.message ?? "")")
            let stats = await emulator.stats()
            #expect(stats.throttled > 0, "the limit must have been hit for this test to mean anything")
            #expect(stats.assumeRoleRequests.values.reduce(0, +) == 60)
            #expect(await directory.stsLimiter.snapshot().throttles > 0)
            #expect(await directory.limiter.snapshot().throttles == 0, "the portal's budget is not slowed by STS")
        }
    }

    @Test("64 hops on one hub go out in one wave: the STS limiter starts at its maximum until a throttle")
    func firstWaveAtTheMaximum() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 65
        // Long enough that every hop reaches the limiter (a debug build on a loaded machine is slow to
        // sign 64 requests) before the first answer could widen a slow start.
        configuration.latency = .seconds(1)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            let names = try Self.writeChains(sandbox, hubs: 1, perHub: 64, rolesPerHub: 64)
            let directory = try Self.directory(sandbox)
            let report = await directory.warmUp(
                [], chains: try Self.chains(directory, names.filter { $0.hasPrefix("spoke") }))
            #expect(report.failedCount == 0, "\(report.profiles.first { !$0.succeeded }?.message ?? "")")
            #expect(await emulator.stats().calls["AssumeRole"] == 64)
            let sts = await directory.stsLimiter.snapshot()
            #expect(
                sts.maxInFlight == 64,
                "slow start from \(AdaptiveLimiter.Configuration().initialLimit) would peak at 32")
            #expect(sts.throttles == 0)
        }
    }

    @Test("duration_seconds above an hour on a chained role fails before any AssumeRole, saying why")
    func chainedDurationLimit() async throws {
        try await Sandbox.withEmulator { emulator, sandbox in
            _ = try Self.writeChains(sandbox, hubs: 1, perHub: 0, rolesPerHub: 1)
            let account = emulator.portals[0].accounts[1]
            var text = try String(contentsOf: sandbox.home.appendingPathComponent(".aws/config"), encoding: .utf8)
            text += "\n[profile long]\nrole_arn = arn:aws:iam::\(account.accountID):role/\(account.roles[0])\n"
            text += "source_profile = hub0\nduration_seconds = 7200\nregion = eu-west-1\n"
            try Data(text.utf8).write(to: sandbox.home.appendingPathComponent(".aws/config"))
            let directory = try Self.directory(sandbox)
            do {
                _ = try await directory.credentials(forProfileNamed: "long")
                Issue.record("a two-hour chained role was assumed")
            } catch let error as SessionError {
                #expect(error.code == "chained_duration_too_long")
                #expect("\(error)".contains("duration_seconds = 7200") && "\(error)".contains("3600"))
            }
            #expect(await emulator.stats().calls["AssumeRole"] == nil)
        }
    }

    @Test("STS disabled in the profile's region: RegionDisabledException, with what to change")
    func regionDisabled() async throws {
        var configuration = EmulatorConfiguration()
        configuration.disabledSTSRegions = ["eu-west-1"]
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            _ = try Self.writeChains(sandbox, hubs: 1, perHub: 1, rolesPerHub: 1)
            let directory = try Self.directory(sandbox)
            do {
                _ = try await directory.credentials(forProfileNamed: "spoke0-0")
                Issue.record("STS answered in a disabled region")
            } catch let error as SessionError {
                #expect(error.code == "assume_role_failed")
                #expect(
                    "\(error)".contains("RegionDisabledException")
                        && "\(error)".contains("sts_regional_endpoints = legacy"))
            }
            #expect(await emulator.stats().calls["AssumeRole"] == 1, "a refusal is not retried")
        }
    }

    @Test("cancelling a chain warm-up half way leaves every cache file valid and no temporary file")
    func cancelHalfWay() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 121
        configuration.latency = .milliseconds(10)
        try await Sandbox.withEmulator(configuration) { emulator, sandbox in
            let names = try Self.writeChains(sandbox, hubs: 1, perHub: 120, rolesPerHub: 120)
            let counter = EventCounter()
            let directory = try Self.directory(sandbox) { options in
                options.stsLimiter = AdaptiveLimiter.Configuration(initialLimit: 8, maximumLimit: 8)
                options.events = ProgressSink { event in Task { await counter.record(event) } }
            }
            let chains = try Self.chains(directory, names.filter { $0.hasPrefix("spoke") })
            let warmUp = Task { await directory.warmUp([], chains: chains) }
            await counter.onDone(at: chains.count / 2) { warmUp.cancel() }
            let report = await warmUp.value
            let done = report.profiles.count { $0.succeeded }
            #expect(done >= chains.count / 2)
            #expect(done < chains.count, "the cancellation came too late to test anything")
            #expect(report.profiles.filter { !$0.succeeded }.allSatisfy { $0.errorCode == "cancelled" })
            let problems = try sandbox.invalidCacheFiles()
            #expect(problems == [], "\(problems)")
        }
    }
}
