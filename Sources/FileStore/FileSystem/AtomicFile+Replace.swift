public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// Replaces `url` atomically, as `write(_:to:durability: .atomic)` does, but without freeing the
    /// replaced file's inode: the new file is swapped in (`renameat2(RENAME_EXCHANGE)` on Linux,
    /// `renamex_np(RENAME_SWAP)` on macOS), and the old one is left under a temporary name
    /// (`.NAME.PID.RANDOM.tmp`), returned for the caller to remove later.
    ///
    /// Why: on ext4, an inode freed in the last few seconds is skipped by the inode allocator only after
    /// reading it, so thousands of renames over existing files interleaved with thousands of new
    /// temporary files make every allocation scan every file replaced so far. Freeing the old files
    /// after the batch keeps each allocation constant. Every reader still sees the old file or the new
    /// one; a crash leaves the old file under a temporary name, which `removeAbandonedTemporaries`
    /// removes.
    /// - Returns: the path of the replaced file, or nil when there was none (or the system cannot
    ///   swap: then the new file was renamed over it, as `write` does).
    /// - Throws: `FileSystemError` naming the path; the target is unchanged when it throws.
    public static func replace(
        _ data: Data, at url: URL, permissions: mode_t = 0o600, directoryPermissions: mode_t = 0o700
    ) throws(FileSystemError) -> String? {
        var spare: String?
        return try replace(
            data, at: url, reusing: &spare, permissions: permissions, directoryPermissions: directoryPermissions)
    }

    /// `replace(_:at:permissions:directoryPermissions:)`, writing the new content into `spare` (a path
    /// an earlier `replace` returned) instead of a new temporary file when nothing else has that file
    /// open (see `rewriteSpare`): a batch that hands each returned path to a later `replace` then
    /// neither allocates nor frees an inode per file.
    /// - Parameter spare: nil on return when it was used (rewritten and swapped in, or removed after a
    ///   failed write); unchanged, and still the caller's to remove, when it could not be reused.
    public static func replace(
        _ data: Data, at url: URL, reusing spare: inout String?, permissions: mode_t = 0o600,
        directoryPermissions: mode_t = 0o700
    ) throws(FileSystemError) -> String? {
        let path = url.path
        var rewritten: (path: String, targetExisted: Bool)?
        if let candidate = spare {
            do {
                if let existed = try rewriteSpare(candidate, with: data, for: path, permissions: permissions) {
                    rewritten = (candidate, existed)
                    spare = nil
                }
            } catch {
                spare = nil
                throw error
            }
        }
        let temporaryPath: String
        let targetExisted: Bool
        if let rewritten {
            (temporaryPath, targetExisted) = rewritten
        } else {
            (temporaryPath, targetExisted) = try writeTemporary(
                data, for: url, permissions: permissions, directoryPermissions: directoryPermissions,
                durability: .atomic)
        }
        // Nothing to swap with (no file when the write began): one rename, not a failed exchange first.
        if targetExisted, exchange(temporaryPath, path) { return temporaryPath }
        guard rename(temporaryPath, path) == 0 else {
            let reason = lastErrorText()
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: reason)
        }
        return nil
    }

    /// Swaps two existing paths in one atomic step; false when either is missing or the system or
    /// file system cannot (the caller then renames).
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if canImport(Darwin)
            return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #else
            guard let renameat2 = RenameAt2.function else { return false }
            return renameat2(AT_FDCWD, first, AT_FDCWD, second, RenameAt2.exchange) == 0
        #endif
    }
}

#if !canImport(Darwin)
    /// glibc's `renameat2`, which Swift's Glibc module does not import, looked up once by name (glibc
    /// 2.28 and later have it; older ones, or musl without it, fall back to `rename`).
    private enum RenameAt2 {
        typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        /// `RENAME_EXCHANGE` from <linux/fs.h>.
        static let exchange: UInt32 = 1 << 1
        private static let address = CFunctionLookup.address(of: "renameat2")

        static var function: Function? { CFunctionLookup.function(address, as: Function.self) }
    }
#endif
