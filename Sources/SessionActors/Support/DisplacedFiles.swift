import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Old cache files swapped out by `CredentialCache.replace`, removed once a batch of writes is over.
///
/// On ext4 an inode freed seconds ago costs every later inode allocation in its group a read, so a
/// refresh that freed each replaced file at once would make its thousands of temporary files ever
/// slower to create. Inside a batch (`login --all`'s fan-out) the old files are kept and removed at its
/// end; outside one, each is removed as soon as it is handed over.
actor DisplacedFiles {
    private var batches = 0
    private var pending: [String] = []

    /// Removes `path` now, or at the end of the current batch.
    func discard(_ path: String) {
        if batches == 0 {
            unlink(path)
        } else {
            pending.append(path)
        }
    }

    /// Starts a batch: what is discarded from now on is kept until `endBatch` (batches nest).
    func beginBatch() {
        batches += 1
    }

    /// Ends a batch; when it was the outermost one, removes every file discarded during it.
    func endBatch() {
        batches -= 1
        guard batches == 0 else { return }
        for path in pending { unlink(path) }
        pending = []
    }
}
