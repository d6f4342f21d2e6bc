import FileStore
public import Foundation

/// Cross-process single flight per portal: a process holds an exclusive `flock` on
/// `<cache folder>/<sha1 of the token key>.lock` while it logs in or refreshes, so that concurrent
/// `multisso` (and its tasks) never run two logins for one portal. Whoever gets the lock next must read
/// the token cache again: the previous holder may just have written a fresh token (see
/// `TokenCache.withPortalLock`).
public struct PortalLock: Sendable {
    /// The cache folder that holds the lock file (created 0700 when missing).
    public let directory: URL
    public let key: TokenCacheKey
    /// The longest pause between two attempts while another holder has the lock.
    public var maximumPollInterval: Duration

    public init(directory: URL, key: TokenCacheKey, maximumPollInterval: Duration = .milliseconds(50)) {
        self.directory = directory
        self.key = key
        self.maximumPollInterval = maximumPollInterval
    }

    /// The lock file, `<sha1>.lock` beside the token file `<sha1>.json`.
    public var url: URL {
        directory.appendingPathComponent(key.hash + ".lock", isDirectory: false)
    }

    /// Runs `body` while holding the lock, waiting (asynchronously, cancellably, polling with a short
    /// sleep) for other processes or tasks that hold it. The lock is released on every path: when
    /// `body` returns, throws, or is cancelled.
    /// - Parameters:
    ///   - timeout: how long to wait for the lock before giving up.
    ///   - body: the work to do under the lock; re-read the cache first.
    /// - Returns: what `body` returns.
    /// - Throws: `CacheError.lockTimedOut` / `.lockFailed`, `CancellationError` when cancelled while
    ///   waiting, or whatever `body` throws.
    public func withLock<T: Sendable>(
        timeout: Duration = .seconds(900),
        isolation: isolated (any Actor)? = #isolation,
        _ body: () async throws -> T
    ) async throws -> T {
        let held = try await acquire(timeout: timeout)
        let result: Result<T, any Error>
        do {
            result = .success(try await body())
        } catch {
            result = .failure(error)
        }
        _ = consume held
        return try result.get()
    }

    private func acquire(timeout: Duration) async throws -> LockFileDescriptor {
        do {
            try AtomicFile.createDirectory(directory, permissions: 0o700)
        } catch {
            throw CacheError.fileSystem(error)
        }
        let lockFile = try LockFileDescriptor(path: url.path)
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var pause = Duration.milliseconds(1)
        while true {
            if try lockFile.tryLock() { return lockFile }
            let now = clock.now
            guard now < deadline else {
                throw CacheError.lockTimedOut(file: lockFile.path, seconds: Int(timeout.components.seconds))
            }
            // Throws CancellationError when the waiting task is cancelled; the descriptor closes on the way out.
            try await Task.sleep(for: min(pause, now.duration(to: deadline)))
            pause = min(pause * 2, maximumPollInterval)
        }
    }
}
