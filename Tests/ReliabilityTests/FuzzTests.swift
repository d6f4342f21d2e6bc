import FileStore
import Foundation
import SSOCache
import SSOConfig
import SessionActors
import Synchronization
import TestSupport
import Testing

/// Fuzzing: the config parser and resolver and the three cache decoders, over
/// generated hostile inputs (fixed seed, documented count), each input watched for a hang.
///
/// The suite runs `MULTISSO_FUZZ_INPUTS` config inputs (default 20,000) and half as many per cache
/// decoder; `scripts/reliability` runs 400,000 (and 200,000 per decoder), and `scripts/fuzz` runs
/// libFuzzer over the same code.
@Suite("Fuzzing: config parser and cache decoders")
struct FuzzTests {
    static let seed: UInt64 = 0x6d75_6c74_6973_736f
    static var inputs: Int {
        ProcessInfo.processInfo.environment["MULTISSO_FUZZ_INPUTS"].flatMap(Int.init) ?? 20_000
    }
    /// Cache inputs go through a real file each (write, then the decoder's read path): half as many.
    static var cacheInputs: Int { inputs / 2 }

    @Test("config files: parse, lossless round trip, resolve every profile, session and endpoint; no crash, no hang")
    func configParser() async throws {
        let file = URL(fileURLWithPath: "/nonexistent/config")
        let environment = AWSEnvironment.sandbox(home: URL(fileURLWithPath: "/nonexistent"))
        let stats = FuzzCounters()
        let outcome = await HangGuard.run(inputs: Self.inputs) { index in
            let data = HostileInputs.configFile(seed: Self.seed, index: index)
            guard let document = try? ConfigDocument(parsing: data, file: file) else {
                stats.rejected.add(1, ordering: .relaxed)
                return
            }
            if document.data != data { stats.notLossless.add(1, ordering: .relaxed) }
            let config = AWSConfigFile(document: document, file: file, environment: environment)
            for name in config.profileNames {
                if (try? config.ssoProfile(named: name)) != nil { stats.resolved.add(1, ordering: .relaxed) }
                _ = try? config.endpoints(forProfile: name)
            }
            for name in config.ssoSessionNames { _ = try? config.ssoSession(named: name) }
            _ = try? config.endpoints(forProfile: nil)
        }
        #expect(outcome.hungAt == nil, "input \(outcome.hungAt ?? -1) (seed \(Self.seed)) did not finish in 5 s")
        #expect(stats.notLossless.load(ordering: .relaxed) == 0, "a parsed file must serialize back byte for byte")
        let rejected = stats.rejected.load(ordering: .relaxed)
        // The generator must reach both sides: files that parse and resolve, and files that are refused.
        #expect(rejected > Self.inputs / 100 && rejected < Self.inputs * 99 / 100, "rejected \(rejected)")
        #expect(stats.resolved.load(ordering: .relaxed) > 0)
        print(
            "fuzz config: \(Self.inputs) inputs, \(rejected) refused with an error, "
                + "\(stats.resolved.load(ordering: .relaxed)) SSO profiles resolved, slowest \(outcome.slowest), total \(outcome.elapsed)"
        )
    }

    @Test(
        "cache files: token, registration and credential decoders refuse garbage cleanly; no crash, no hang",
        arguments: HostileInputs.CacheKind.allCases)
    func cacheDecoders(_ kind: HostileInputs.CacheKind) async throws {
        try await withTemporaryDirectory { folder in
            let tokens = TokenCache(directory: folder)
            let credentials = CredentialCache(directory: folder)
            let tokenKey = TokenCacheKey.session(name: "fuzz")
            let registrationKey = RegistrationCacheKey(
                startURL: "https://d-1234567890.awsapps.com/start", region: "us-east-1", scopes: nil,
                sessionName: "fuzz")
            let credentialKey = RoleCredentialCacheKey(accountID: "123456789012", roleName: "R", sessionName: "fuzz")
            let url: URL =
                switch kind {
                case .token: tokens.url(for: tokenKey)
                case .registration: tokens.url(for: registrationKey)
                case .credentials: credentials.url(for: credentialKey)
                }
            let stats = FuzzCounters()
            let outcome = await HangGuard.run(inputs: Self.cacheInputs) { index in
                let data = HostileInputs.cacheDocument(kind, seed: Self.seed &+ 1, index: index)
                do {
                    try data.write(to: url)
                } catch {
                    stats.notLossless.add(1, ordering: .relaxed)
                    return
                }
                let accepted: Bool
                switch kind {
                case .token: accepted = (try? tokens.readToken(tokenKey)) != nil
                case .registration: accepted = (try? tokens.readRegistration(registrationKey)) != nil
                case .credentials: accepted = (try? credentials.read(credentialKey)) != nil
                }
                if accepted {
                    stats.resolved.add(1, ordering: .relaxed)
                } else {
                    stats.rejected.add(1, ordering: .relaxed)
                }
            }
            #expect(
                outcome.hungAt == nil, "input \(outcome.hungAt ?? -1) (seed \(Self.seed &+ 1)) did not finish in 5 s")
            #expect(stats.notLossless.load(ordering: .relaxed) == 0)
            let accepted = stats.resolved.load(ordering: .relaxed)
            let rejected = stats.rejected.load(ordering: .relaxed)
            #expect(accepted > 0 && rejected > 0, "accepted \(accepted), rejected \(rejected)")
            print(
                "fuzz cache \(kind): \(Self.cacheInputs) inputs, \(accepted) accepted, \(rejected) refused, "
                    + "slowest \(outcome.slowest), total \(outcome.elapsed)")
        }
    }
}

/// Counters the fuzz bodies update from the worker thread.
final class FuzzCounters: Sendable {
    let rejected = Atomic<Int>(0)
    let resolved = Atomic<Int>(0)
    let notLossless = Atomic<Int>(0)
}
