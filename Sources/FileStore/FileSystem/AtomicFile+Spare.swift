import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// Writes `data` into `spare`, an old file a `replace` swapped out, to be swapped in next: the
    /// temporary of `replace(_:at:reusing:permissions:directoryPermissions:)` without a new inode.
    ///
    /// The spare is rewritten only when it is certainly ours alone: a regular file (not a link) with
    /// one name, owned by this user, that no other process has open (a write lease is granted only
    /// then), so that no reader of the file it used to be sees it change. Its old content is made to
    /// read as zeros first (`SpareFile.empty`), so that after a crash the new name
    /// never shows the old file's content, only the new one or zeros (which read as no file), as a new
    /// file's unwritten blocks would; then written with mode `permissions`. Linux only (elsewhere
    /// nothing can tell whether another process has it open).
    /// - Returns: whether something (not a folder) is at `path`, as `writeTemporary` tells; nil when
    ///   the spare cannot be reused (it is unchanged then, and the caller writes a new temporary).
    /// - Throws: `FileSystemError` naming `path` when a folder is at `path` or the write failed (the
    ///   spare is removed then).
    static func rewriteSpare(_ spare: String, with data: Data, for path: String, permissions: mode_t)
        throws(FileSystemError) -> Bool?
    {
        #if os(Linux)
            let targetExisted: Bool
            do {
                targetExisted = try existsAsNonFolder(path)
            } catch {
                unlink(spare)
                throw error
            }
            let descriptor = open(spare, O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard descriptor >= 0 else { return nil }
            var info = stat()
            guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1,
                info.st_uid == ProcessMask.effectiveUserID, SpareFile.isOpenOnlyHere(descriptor),
                (info.st_mode & 0o7777) == permissions || fchmod(descriptor, permissions) == 0,
                let leftover = SpareFile.empty(descriptor, size: Int(info.st_size), blockSize: Int(info.st_blksize))
            else {
                close(descriptor)
                return nil
            }
            do throws(FileSystemError) {
                try writeAll(data, to: descriptor, path: path)
                guard leftover <= data.count || ftruncate(descriptor, off_t(data.count)) == 0 else {
                    throw FileSystemError.cannotWrite(path: path, reason: lastErrorText())
                }
            } catch {
                close(descriptor)
                unlink(spare)
                throw error
            }
            guard close(descriptor) == 0 else {
                let reason = lastErrorText()
                unlink(spare)
                throw .cannotWrite(path: path, reason: reason)
            }
            return targetExisted
        #else
            return nil
        #endif
    }
}

#if os(Linux)
    /// What `rewriteSpare` does to an old file that only Linux offers.
    private enum SpareFile {
        /// From <fcntl.h> and <linux/falloc.h> (glibc declares them only for _GNU_SOURCE).
        private static let setSignal: Int32 = 10
        private static let setLease: Int32 = 1024
        private static let keepSize: Int32 = 0x01
        private static let zeroRange: Int32 = 0x10

        /// Whether no other open file description refers to the file: Linux grants a write lease only
        /// then, so taking one and giving it back at once tells that no reader has the file open. Were a
        /// reader to open it in between, the kernel would signal the lease breaker's notice with `SIGURG`
        /// (set by `F_SETSIG`), ignored by default, instead of `SIGIO`, which would end the process.
        static func isOpenOnlyHere(_ descriptor: Int32) -> Bool {
            guard fcntl(descriptor, setSignal, SIGURG) == 0,
                fcntl(descriptor, setLease, Int32(F_WRLCK)) == 0
            else { return false }
            _ = fcntl(descriptor, setLease, Int32(F_UNLCK))
            return true
        }

        typealias Fallocate = @convention(c) (Int32, Int32, off_t, off_t) -> Int32
        private static let fallocateAddress = CFunctionLookup.address(of: "fallocate")

        /// Makes the file's `size` bytes read as zeros before it is rewritten from its start. Its blocks
        /// become unwritten extents (`FALLOC_FL_ZERO_RANGE`, the size kept): nothing is freed, so no
        /// block is discarded or allocated again, and until the new data reaches the disk they read as
        /// zeros. Where the file system cannot, the file is truncated to 0 (what a new file costs).
        /// - Returns: the size the file has after it (the caller truncates what the new data does not
        ///   cover), or nil when neither worked.
        static func empty(_ descriptor: Int32, size: Int, blockSize: Int) -> Int? {
            if size == 0 { return 0 }
            let block = max(blockSize, 512)
            let length = (size + block - 1) / block * block
            if let fallocate = CFunctionLookup.function(fallocateAddress, as: Fallocate.self),
                fallocate(descriptor, zeroRange | keepSize, 0, off_t(length)) == 0
            {
                return size
            }
            return ftruncate(descriptor, 0) == 0 ? 0 : nil
        }
    }
#endif
