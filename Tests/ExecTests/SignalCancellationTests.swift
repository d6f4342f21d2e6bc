import Foundation
import ParallelExec
import SessionActors
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Signal cancellation")
struct SignalCancellationTests {
    // SIGUSR2 stands in for SIGINT, so this test cannot interrupt the test runner if it fails.
    @Test("a signal to the process cancels the run and every child is reaped")
    func signalCancelsRun() async throws {
        let recorder = ExecRecorder()
        let runner = ParallelExec(
            executable: "sleep", arguments: ArgumentTemplate(["30"]), baseEnvironment: ExecFixtures.baseEnvironment,
            options: ParallelExecOptions(parallelism: 5, mode: .report),
            standardOutput: CollectingSink(), standardError: CollectingSink(),
            onStart: { profile, pid in await recorder.started(profile, pid) }
        )
        let targets = (1...5).map { ExecFixtures.target($0) }
        let sender = Task {
            await recorder.waitForStarts(5)
            kill(getpid(), SIGUSR2)
        }
        let (report, signal) = await SignalCancellation.run(signals: [SIGUSR2]) {
            try? await runner.run(targets)
        }
        await sender.value
        #expect(signal == SIGUSR2)
        let finished = try #require(report)
        #expect(finished.wasInterrupted)
        #expect(finished.overallExitStatus == 130)
        let pids = Set(await recorder.processIDs.values)
        #expect(pids.count == 5)
        #expect(ProcessTable.members(ofGroups: pids).isEmpty)
    }

    @Test("without a signal the body's value comes back and no signal is reported")
    func noSignal() async {
        let (value, signal) = await SignalCancellation.run(signals: [SIGUSR1]) { 41 + 1 }
        #expect(value == 42)
        #expect(signal == nil)
    }
}
