import Foundation
import Synchronization

/// Runs a synchronous body over many numbered inputs on its own thread, watching that each input
/// finishes within a limit: a parser stuck in a loop is reported (with the number of the input that
/// hung, reproducible from the seed) instead of hanging the test run.
enum HangGuard {
    /// Progress shared between the worker and the watchdog.
    final class Progress: Sendable {
        let current = Atomic<Int>(-1)
        let done = Atomic<Bool>(false)
        /// The slowest input so far, in microseconds.
        let slowestMicroseconds = Atomic<Int>(0)
    }

    struct Outcome: Sendable {
        /// The input that did not finish within the limit, or nil.
        var hungAt: Int?
        var slowest: Duration
        var elapsed: Duration
    }

    static func run(
        inputs: Int, perInputLimit: Duration = .seconds(5), _ body: @escaping @Sendable (Int) -> Void
    ) async -> Outcome {
        let progress = Progress()
        let started = ContinuousClock.now
        let worker = Thread {
            let clock = ContinuousClock()
            for index in 0..<inputs {
                progress.current.store(index, ordering: .releasing)
                let took = clock.measure { body(index) }
                let micros =
                    Int(took.components.seconds) * 1_000_000 + Int(took.components.attoseconds / 1_000_000_000_000)
                if micros > progress.slowestMicroseconds.load(ordering: .relaxed) {
                    progress.slowestMicroseconds.store(micros, ordering: .relaxed)
                }
            }
            progress.done.store(true, ordering: .releasing)
        }
        worker.start()
        var watched = -1
        var since = ContinuousClock.now
        while !progress.done.load(ordering: .acquiring) {
            // A watchdog: how long an input runs in wall time is what it measures.
            try? await Task.sleep(for: .milliseconds(50))
            let now = progress.current.load(ordering: .acquiring)
            if now != watched {
                watched = now
                since = ContinuousClock.now
            } else if ContinuousClock.now - since > perInputLimit {
                return Outcome(
                    hungAt: now, slowest: .microseconds(progress.slowestMicroseconds.load(ordering: .relaxed)),
                    elapsed: ContinuousClock.now - started)
            }
        }
        return Outcome(
            hungAt: nil, slowest: .microseconds(progress.slowestMicroseconds.load(ordering: .relaxed)),
            elapsed: ContinuousClock.now - started)
    }
}
