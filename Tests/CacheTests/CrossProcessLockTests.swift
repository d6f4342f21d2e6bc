import Foundation
import TestSupport
import Testing

@testable import SSOCache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The portal lock against another process (a Python child taking the same `flock`).
@Suite("PortalLock across processes")
struct CrossProcessLockTests {
    @Test("a lock held by another process excludes us; when that process is killed, the lock is free")
    func killedHolderLeavesNoStaleLock() async throws {
        let python = try ConformancePython.interpreter()
        try await withTemporaryDirectory { root in
            let lock = PortalLock(directory: root, key: .session(name: "corp"))
            try await lock.withLock {}  // creates the folder and the 0600 lock file
            let marker = root.appendingPathComponent("held")
            let child = try ChildRun(
                python, [ConformancePython.script("hold_lock.py").path, "hold", lock.url.path, marker.path],
                environment: inheritedEnvironment(), in: root, name: "holder")
            defer { child.send(SIGKILL) }
            let held = await eventually(timeout: .seconds(10), every: .milliseconds(10)) {
                FileManager.default.fileExists(atPath: marker.path)
            }
            #expect(held, "the child never took the lock")

            let error = await #expect(throws: CacheError.self) {
                try await lock.withLock(timeout: .milliseconds(300)) {}
            }
            #expect(error?.code == "cache_lock_timed_out")

            child.send(SIGKILL)
            _ = await child.wait()
            let start = ContinuousClock.now
            let value = try await lock.withLock(timeout: .seconds(60)) { "got it" }
            #expect(value == "got it")
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }

    @Test("while we hold the lock another process cannot take it; after release it can")
    func weExcludeOtherProcesses() async throws {
        let python = try ConformancePython.interpreter()
        let script = ConformancePython.script("hold_lock.py").path
        try await withTemporaryDirectory { root in
            let lock = PortalLock(directory: root, key: .startURL("https://d-123.awsapps.com/start"))
            let during = try await lock.withLock {
                try await runProcess(python, [script, "try", lock.url.path])
            }
            #expect(during.status == 0, "\(during.stderr)")
            #expect(during.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "busy")
            let after = try await runProcess(python, [script, "try", lock.url.path])
            #expect(after.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "acquired")
        }
    }
}
