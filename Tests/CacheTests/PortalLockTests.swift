import Foundation
import TestSupport
import Testing

@testable import SSOCache

/// Counts how many bodies run at once.
actor Occupancy {
    private(set) var inside = 0
    private(set) var maximum = 0
    private(set) var entries = 0
    private var watches: [Int: (count: Int, continuation: CheckedContinuation<Void, any Error>)] = [:]
    private var nextWatch = 0

    func enter() {
        inside += 1
        entries += 1
        maximum = max(maximum, inside)
        for (id, watch) in watches where inside >= watch.count {
            watches.removeValue(forKey: id)?.continuation.resume()
        }
    }

    func leave() { inside -= 1 }

    /// Returns once `count` bodies are inside at the same time; throws when the waiting task is cancelled.
    func waitUntilInside(_ count: Int) async throws {
        let id = nextWatch
        nextWatch += 1
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if inside >= count {
                    continuation.resume()
                } else if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    watches[id] = (count, continuation)
                }
            }
        } onCancel: {
            Task { await self.cancelWatch(id) }
        }
    }

    private func cancelWatch(_ id: Int) {
        watches.removeValue(forKey: id)?.continuation.resume(throwing: CancellationError())
    }
}

@Suite("PortalLock in one process")
struct PortalLockTests {
    @Test("50 concurrent withLock calls on one portal run one at a time")
    func excludesWithinProcess() async throws {
        try await withTemporaryDirectory { root in
            let occupancy = Occupancy()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        // A fresh PortalLock value per task: separate opens of the same file.
                        try await PortalLock(directory: root, key: .session(name: "corp")).withLock(
                            timeout: .seconds(60)
                        ) {
                            await occupancy.enter()
                            // The body takes wall time: exclusion over time is what is tested.
                            try await Task.sleep(for: .milliseconds(2))
                            await occupancy.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await occupancy.entries == 50)
            #expect(await occupancy.maximum == 1)
        }
    }

    @Test("different portals do not block each other")
    func differentKeysRunTogether() async throws {
        try await withTemporaryDirectory { root in
            let occupancy = Occupancy()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in ["a", "b"] {
                    group.addTask {
                        try await PortalLock(directory: root, key: .session(name: name)).withLock(timeout: .seconds(10))
                        {
                            await occupancy.enter()
                            // Wait until the other portal's body is inside too (were it excluded, its
                            // withLock would time out and the group cancel this wait).
                            try await occupancy.waitUntilInside(2)
                            await occupancy.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await occupancy.maximum == 2)
        }
    }

    @Test("the lock file is 0600 in a 0700 folder, named after the token file")
    func lockFilePermissions() async throws {
        try await withTemporaryDirectory { root in
            let folder = root.appendingPathComponent(".aws/sso/cache")
            let lock = PortalLock(directory: folder, key: .session(name: "my-sso"))
            #expect(lock.url.lastPathComponent == "0ad374308c5a4e22f723adf10145eafad7c4031c.lock")
            let value = try await lock.withLock { 42 }
            #expect(value == 42)
            #expect(permissions(of: lock.url) == 0o600)
            #expect(permissions(of: folder) == 0o700)
        }
    }

    @Test("the lock is released when the body throws")
    func releasedOnThrow() async throws {
        struct Boom: Error {}
        try await withTemporaryDirectory { root in
            let lock = PortalLock(directory: root, key: .session(name: "s"))
            await #expect(throws: Boom.self) { try await lock.withLock { throw Boom() } }
            let start = ContinuousClock.now
            try await lock.withLock(timeout: .seconds(30)) {}
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }

    @Test("a waiter gives up with lockTimedOut naming the lock file")
    func timesOut() async throws {
        try await withTemporaryDirectory { root in
            let lock = PortalLock(directory: root, key: .session(name: "s"))
            try await lock.withLock {
                let error = await #expect(throws: CacheError.self) {
                    try await PortalLock(directory: root, key: .session(name: "s")).withLock(
                        timeout: .milliseconds(200)
                    ) {}
                }
                #expect(error?.code == "cache_lock_timed_out")
                #expect(error?.file == lock.url.path)
            }
        }
    }

    @Test("a cancelled waiter stops waiting, and the holder keeps the lock until it is done")
    func cancelledWaiter() async throws {
        try await withTemporaryDirectory { root in
            let occupancy = Occupancy()
            let lock = PortalLock(directory: root, key: .session(name: "s"))
            try await lock.withLock {
                let waiter = Task {
                    try await PortalLock(directory: root, key: .session(name: "s")).withLock(timeout: .seconds(60)) {
                        await occupancy.enter()
                    }
                }
                // Real wall time on purpose: PortalLock polls its flock (a cross-process lock, with no
                // event to wait on), and the waiter needs time to try it at least once.
                try await Task.sleep(for: .milliseconds(100))
                let start = ContinuousClock.now
                waiter.cancel()
                await #expect(throws: CancellationError.self) { try await waiter.value }
                // Far below the waiter's 60 s timeout: it stopped because it was cancelled.
                #expect(ContinuousClock.now - start < .seconds(10))
            }
            #expect(await occupancy.entries == 0)
            try await lock.withLock(timeout: .seconds(1)) {}
        }
    }

    @Test("a body cancelled mid-way releases the lock")
    func cancelledBody() async throws {
        try await withTemporaryDirectory { root in
            let lock = PortalLock(directory: root, key: .session(name: "s"))
            let (entered, inside) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await lock.withLock {
                    inside.yield()
                    // A body that would run for a minute, were it not cancelled.
                    try await Task.sleep(for: .seconds(60))
                }
            }
            for await _ in entered { break }
            holder.cancel()
            await #expect(throws: CancellationError.self) { try await holder.value }
            try await lock.withLock(timeout: .seconds(1)) {}
        }
    }

    @Test("withPortalLock re-reads the token after taking the lock")
    func rereadsUnderLock() async throws {
        try await withTemporaryDirectory { root in
            let cache = TokenCache(directory: root)
            let key = TokenCacheKey.session(name: "corp")
            let seenFirst = try await cache.withPortalLock(key) { current in try current.get() }
            #expect(seenFirst == nil)
            // Another "process" logs in while we wait for the lock.
            let other = PortalLock(directory: root, key: key)
            let seen = try await other.withLock {
                let waiter = Task { try await cache.withPortalLock(key) { current in try current.get() } }
                // Real wall time on purpose: PortalLock polls its flock (no event to wait on), and the
                // waiter needs time to start waiting.
                try await Task.sleep(for: .milliseconds(50))
                try cache.writeToken(Fixtures.token, for: key)
                return waiter
            }.value
            #expect(seen == Fixtures.token)
            try Data("{".utf8).write(to: cache.url(for: key))
            let broken = try await cache.withPortalLock(key) { current in
                if case .failure(let error) = current { return error.code }
                return "read"
            }
            #expect(broken == "cache_invalid_json")
        }
    }

    @Test("a symbolic link in place of the lock file is refused")
    func lockFileLink() async throws {
        try await withTemporaryDirectory { root in
            let lock = PortalLock(directory: root, key: .session(name: "s"))
            try FileManager.default.createSymbolicLink(
                at: lock.url, withDestinationURL: root.appendingPathComponent("target"))
            let error = await #expect(throws: CacheError.self) { try await lock.withLock {} }
            #expect(error?.code == "cache_lock_failed")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("target").path))
        }
    }
}
