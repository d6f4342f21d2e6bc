import FileStore
import Foundation
import SSOConfig
import Synchronization
import TestSupport
import Testing

@testable import SSOCache

/// Readers polling a cache file while many writers rewrite it always see a whole file: never a missing,
/// empty or half-written one.
@Suite("Atomic writes")
struct AtomicityTests {
    @Test("a reader polling the token file always parses it while 4 writers rewrite it 200 times each")
    func concurrentReaderAlwaysParses() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let key = TokenCacheKey.session(name: "busy")
            try cache.writeToken(Fixtures.token, for: key)
            let writersDone = SharedCounter()
            let writers = 4

            // Blocking I/O runs on dedicated threads, never on the cooperative pool other tests share.
            async let reader = onThread { () -> (reads: Int, failures: [String]) in
                var reads = 0
                var failures: [String] = []
                let deadline = Date().addingTimeInterval(120)
                while writersDone.value.load(ordering: .acquiring) < writers && Date() < deadline {
                    do throws(CacheError) {
                        if try cache.readToken(key) == nil { failures.append("file missing") }
                    } catch {
                        failures.append(error.code)
                    }
                    reads += 1
                }
                return (reads, failures)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await onThread {
                            defer { writersDone.value.add(1, ordering: .releasing) }
                            for round in 0..<200 {
                                var token = Fixtures.token
                                // Vary the size so that a torn write could not go unnoticed.
                                token.accessToken = String(repeating: "w\(writer)", count: 1 + (round * 37) % 500)
                                token.expiresAt = Fixtures.expiry.addingTimeInterval(Double(round))
                                try cache.writeToken(token, for: key)
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let (reads, failures) = try await reader
            #expect(reads > 10)
            #expect(failures.isEmpty, "\(failures.count) of \(reads) reads failed: \(Set(failures))")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".") }
            #expect(leftovers.isEmpty, "temporary files left behind: \(leftovers)")
            #expect(try cache.readToken(key)?.accessToken.hasPrefix("w") == true)
        }
    }

    @Test("temporary files of dead writers are removed; a live writer's, other dot files and the cache files stay")
    func abandonedTemporariesRemoved() async throws {
        try await withTemporaryDirectory { root in
            // A process that has exited: its PID no longer exists (until it is reused, which the kernel
            // delays for a whole cycle of PIDs).
            let deadPID = try await runProcess(URL(fileURLWithPath: "/bin/true"), []).pid
            let livePID = getppid()
            let names = [
                ".abc.json.\(deadPID).123.tmp",  // dead writer: removed
                ".config.lock.\(deadPID).7.tmp",  // dead writer, dotted name: removed
                ".abc.json.\(livePID).123.tmp",  // a live process: kept
                ".abc.json.\(getpid()).5.tmp",  // this process: kept
                ".abc.json.notapid.5.tmp",  // not ours: kept
                ".hidden.tmp",  // not ours: kept
                "abc.json",  // a cache file: kept
            ]
            for name in names { try Data("x".utf8).write(to: root.appendingPathComponent(name)) }
            AtomicFile.removeAbandonedTemporaries(in: root)
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: root.path))
            #expect(left == Set(names.dropFirst(2)))
            AtomicFile.removeAbandonedTemporaries(in: root.appendingPathComponent("missing"))  // no folder: nothing
        }
    }
}

/// A counter that threads share.
final class SharedCounter: Sendable {
    let value = Atomic<Int>(0)
}
