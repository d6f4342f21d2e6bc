import AWSFormats
import FileStore
import Foundation
import SSOCache

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a directory's role credential files, one at a time, on a thread of its own.
///
/// The fetches of `login --all` finish by the thousand on the cooperative pool's few threads: writing
/// there would hold those threads in the kernel, and every create and rename in the one cache folder
/// waits for the folder's lock. Here the files are written in turn, off the pool.
///
/// Inside a batch (`login --all`'s fan-out), each old file swapped out by a replace is kept under its
/// temporary name and, `spareDepth` writes later, rewritten as the next new file
/// (`CredentialCache.replace(_:for:reusing:)`): refreshing thousands of files then neither creates
/// nor frees an inode per file (on ext4 an inode freed seconds ago costs every later allocation in its
/// group a look). Those writes later, whoever read the old file has long finished; the rewrite checks
/// that no one has it open, and an old file that cannot be reused waits, as the others, for the
/// batch's end to be removed. Outside a batch each old file is removed at once.
actor CredentialFileWriter {
    /// How many old files wait before one is reused: the inodes a refresh allocates at most.
    static let spareDepth = 64

    private nonisolated let executor = DispatchQueueExecutor(label: "multisso.credential-files")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    private let cache: CredentialCache
    private var batches = 0
    /// Old files kept under temporary names, oldest first.
    private var spares: [String] = []
    /// Old files that could not be reused (open elsewhere, linked), removed at the batch's end.
    private var discarded: [String] = []

    init(cache: CredentialCache) {
        self.cache = cache
    }

    /// Replaces the credential file of `key` atomically (see `CredentialCache.replace`).
    func replace(_ credentials: RoleCredentials, for key: RoleCredentialCacheKey) throws(CacheError) {
        var spare = spares.count >= Self.spareDepth ? spares.removeFirst() : nil
        let displaced: String?
        do {
            displaced = try cache.replace(credentials, for: key, reusing: &spare)
        } catch {
            if let spare { discard(spare) }
            throw error
        }
        if let spare { discard(spare) }
        guard let displaced else { return }
        if batches > 0 {
            spares.append(displaced)
        } else {
            unlink(displaced)
        }
    }

    /// Removes `path` now, or at the end of the current batch (a file freed mid-batch would slow the
    /// next inode allocations, as above).
    private func discard(_ path: String) {
        if batches > 0 {
            discarded.append(path)
        } else {
            unlink(path)
        }
    }

    /// Starts a batch: old files are kept for reuse until `endBatch` (batches nest).
    func beginBatch() {
        batches += 1
    }

    /// Ends a batch; when it was the outermost one, removes the old files still kept (several at once:
    /// each unlink may wait for the disk, see `AtomicFile.removeFiles(atPaths:)`).
    func endBatch() {
        batches -= 1
        guard batches == 0 else { return }
        AtomicFile.removeFiles(atPaths: spares + discarded)
        spares = []
        discarded = []
    }
}
