import Foundation
import SSOEmulator
import TestSupport
import Testing

/// `kill -9` of `multisso login --all` at random moments.
///
/// The suite runs `MULTISSO_CRASH_TRIALS` trials (default 50); `scripts/reliability` runs 300.
@Suite("kill -9 at random moments")
struct CrashTests {
    static var trials: Int {
        ProcessInfo.processInfo.environment["MULTISSO_CRASH_TRIALS"].flatMap(Int.init) ?? 50
    }

    @Test("every cache file is the old or the new version after kill -9, and the next run needs no clean-up")
    func killNineAtRandomMoments() async throws {
        let configuration = EmulatorConfiguration.reliability(
            portals: 2, accounts: 20, latency: .milliseconds(20), jitter: .milliseconds(10))
        try await CLIHome.withEmulator(configuration) { emulator, home in
            var home = home
            try home.writeConfig()
            try #require(try await home.run(["login", "--all"], timeout: .seconds(120)).succeeded)
            let variants: [[String]] = [
                ["login", "--all", "--force", "--refresh-credentials"],
                ["login", "--all", "--refresh-credentials"],
                ["login", "--all", "--force"],
            ]
            // Kill moments are drawn over the length of an uninterrupted run of each variant.
            var windows: [Double] = []
            for variant in variants {
                let whole = try await home.run(variant, timeout: .seconds(120))
                try #require(whole.succeeded, "\(whole)")
                windows.append(max(0.1, whole.seconds))
            }
            var generator = SeededGenerator(seed: 0x6b69_6c6c)
            var killedMidRun = 0
            var leftoverTemporaries = 0
            var mostTemporaries = 0
            var killedMidWrite = 0
            for trial in 0..<Self.trials {
                let before = CacheAudit.snapshot(home)
                let arguments = variants[trial % variants.count]
                let process = try home.start(arguments)
                let delay = Double.random(in: 0..<windows[trial % variants.count], using: &generator)
                // A kill at a random moment of wall time is what is tested.
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
                process.send(SIGKILL)
                let ended = await process.wait(timeout: .seconds(120))
                if ended.signalled {
                    killedMidRun += 1
                } else {
                    // It finished before the kill: the machine is faster now than when the window was
                    // measured (other tests were running), so draw later kills within this run's length.
                    windows[trial % variants.count] = max(0.05, ended.seconds * 0.9)
                }

                let after = CacheAudit.snapshot(home)
                let issued = Set(await emulator.issuedSecrets())
                for (path, data) in after.sorted(by: { $0.key < $1.key }) {
                    if let problem = CacheAudit.problem(data) {
                        Issue.record("trial \(trial), killed after \(delay) s: \(path): \(problem)")
                    } else if before[path] != data, !Self.isWholeNewVersion(data, issued: issued) {
                        Issue.record("trial \(trial): \(path) is neither the old version nor one the emulator issued")
                    }
                }
                let abandoned = CacheAudit.temporaryFiles(home).count
                mostTemporaries = max(mostTemporaries, abandoned)
                if abandoned > 0 { killedMidWrite += 1 }

                // The next run, with nobody cleaning up: it must not wait on a lock the dead process held.
                let writesEverything = !trial.isMultiple(of: 2)
                let next = try await home.run(
                    writesEverything ? ["login", "--all", "--force", "--refresh-credentials"] : ["login", "--all"],
                    timeout: .seconds(60))
                #expect(next.succeeded, "the run after trial \(trial) (killed after \(delay) s): \(next)")
                #expect(CacheAudit.problems(CacheAudit.snapshot(home)).isEmpty)
                // The next run also clears the temporary files the killed one left half-written.
                leftoverTemporaries = CacheAudit.temporaryFiles(home).count
                #expect(
                    leftoverTemporaries == 0,
                    "temporary files left after the next run: \(CacheAudit.temporaryFiles(home))")
            }
            #expect(killedMidRun * 2 >= Self.trials, "most kills must land while the process runs: \(killedMidRun)")
            print(
                "crash trials: \(Self.trials), killed mid-run: \(killedMidRun), of which mid-write: \(killedMidWrite), partial files: 0, "
                    + "temporary files left by a kill: up to \(mostTemporaries), after the next run: \(leftoverTemporaries)"
            )
        }
    }

    /// True when the file carries, in full, a secret the emulator issued: a whole new version.
    static func isWholeNewVersion(_ data: Data, issued: Set<String>) -> Bool {
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        if let token = object["accessToken"] as? String { return issued.contains(token) }
        if let secret = object["clientSecret"] as? String { return issued.contains(secret) }
        if let credentials = object["Credentials"] as? [String: Any],
            let key = credentials["SecretAccessKey"] as? String,
            let session = credentials["SessionToken"] as? String
        {
            return issued.contains(key) && issued.contains(session)
        }
        return false
    }
}

/// SplitMix64: a tiny deterministic generator, so that every run draws the same trials and inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
