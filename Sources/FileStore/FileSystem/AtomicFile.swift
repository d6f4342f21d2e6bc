public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes and reads the files other processes read at any moment (the config, the token and credential
/// caches): a write goes to a temporary file in the same folder, is flushed to disk and renamed over the
/// target, so a reader sees the old file or the new one, never a half-written one, even after a crash.
public enum AtomicFile {
    /// How far a write goes beyond atomicity.
    public enum Durability: Sendable {
        /// Data and the rename flushed to disk (`fsync` of the file and its folder) before `write`
        /// returns: the write survives a power loss. For files that are expensive to recreate (the
        /// config, tokens, client registrations).
        case flushed
        /// Atomic for every reader and against a crash of the writer, but left to the kernel to flush:
        /// for files that can be fetched again (role credentials), written by the thousand.
        case atomic
    }

    /// Writes `data` to `url` atomically.
    /// - Parameters:
    ///   - data: the whole new content.
    ///   - url: the target file; a symbolic link there is replaced, never written through.
    ///   - permissions: the mode of the new file (default owner-only 0600).
    ///   - directoryPermissions: the mode of folders created on the way (default 0700); existing
    ///     folders keep their mode.
    ///   - durability: whether the write is also flushed to disk before returning (default).
    /// - Throws: `FileSystemError` naming the path; the target is unchanged when it throws.
    public static func write(
        _ data: Data,
        to url: URL,
        permissions: mode_t = 0o600,
        directoryPermissions: mode_t = 0o700,
        durability: Durability = .flushed
    ) throws(FileSystemError) {
        let directory = url.deletingLastPathComponent()
        let path = url.path
        let (temporaryPath, _) = try writeTemporary(
            data, for: url, permissions: permissions, directoryPermissions: directoryPermissions, durability: durability
        )
        guard rename(temporaryPath, path) == 0 else {
            let reason = lastErrorText()
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: reason)
        }
        if durability == .flushed { syncDirectory(directory) }
    }

    /// The first half of `write`: the folder created if needed, `data` in a new temporary file next to
    /// `url` (mode `permissions`, flushed if `durability` says so), whose path is returned for the rename,
    /// with whether something (not a folder) was at `url` when the write began.
    ///
    /// Four system calls when the folder exists: `lstat`, `open` (created with its mode), one `write`,
    /// `close`; `fchmod` only when the umask would take bits off `permissions` (``ProcessMask``).
    /// - Throws: `FileSystemError` naming `url`; no temporary file is left behind when it throws.
    static func writeTemporary(
        _ data: Data, for url: URL, permissions: mode_t, directoryPermissions: mode_t, durability: Durability
    ) throws(FileSystemError) -> (path: String, targetExisted: Bool) {
        let path = url.path
        let targetExisted = try existsAsNonFolder(path)
        let temporaryPath = temporaryPath(forPath: path)
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW
        var descriptor = open(temporaryPath, flags, permissions)
        if descriptor < 0 && (errno == ENOENT || errno == ENOTDIR) {
            // The folder is created only when missing: one system call less for each of thousands of files.
            try createDirectory(url.deletingLastPathComponent(), permissions: directoryPermissions)
            descriptor = open(temporaryPath, flags, permissions)
        }
        guard descriptor >= 0 else { throw .cannotWrite(path: path, reason: lastErrorText()) }
        do {
            try writeAll(data, to: descriptor, path: path)
            // open() applies the umask; set the exact mode asked for when the umask took bits off it.
            guard ProcessMask.keeps(permissions) || fchmod(descriptor, permissions) == 0,
                durability == .atomic || fsync(descriptor) == 0
            else {
                throw FileSystemError.cannotWrite(path: path, reason: lastErrorText())
            }
        } catch let error as FileSystemError {
            close(descriptor)
            unlink(temporaryPath)
            throw error
        } catch {
            close(descriptor)
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: "\(error)")
        }
        guard close(descriptor) == 0 else {
            let reason = lastErrorText()
            unlink(temporaryPath)
            throw .cannotWrite(path: path, reason: reason)
        }
        return (temporaryPath, targetExisted)
    }

    /// Whether something other than a folder is at `path` (a folder is refused: nothing is written
    /// over it).
    static func existsAsNonFolder(_ path: String) throws(FileSystemError) -> Bool {
        var existing = stat()
        guard lstat(path, &existing) == 0 else { return false }
        if (existing.st_mode & S_IFMT) == S_IFDIR { throw .notARegularFile(path: path, kind: "a folder") }
        return true
    }

    /// A new temporary name next to the file at `path`: `.NAME.PID.RANDOM.tmp` (what
    /// `removeAbandonedTemporaries` looks for), built on the path's bytes.
    static func temporaryPath(forPath path: String) -> String {
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let folder = slash.map { path[...$0] } ?? ""
        let name = slash.map { path[path.utf8.index(after: $0)...] } ?? path[...]
        return "\(folder).\(name).\(ProcessMask.processID).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    /// Creates `directory` and its missing parents with `permissions`; an existing folder is left as it is.
    public static func createDirectory(_ directory: URL, permissions: mode_t = 0o700) throws(FileSystemError) {
        let path = directory.path
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else {
                throw .cannotCreateDirectory(path: path, reason: "a file of that name exists")
            }
            return
        }
        let parent = directory.deletingLastPathComponent()
        if parent.path != path { try createDirectory(parent, permissions: permissions) }
        if mkdir(path, permissions) != 0 && errno != EEXIST {
            throw .cannotCreateDirectory(path: path, reason: lastErrorText())
        }
        _ = chmod(path, permissions)
    }

    /// Reads a regular file of at most `limit` bytes without following a symbolic link at `url`.
    /// - Returns: the content, or nil when there is no file.
    /// - Throws: `FileSystemError` when the path is a link, a folder or another non-file, too large, or unreadable.
    public static func readRegularFile(_ url: URL, limit: Int = 1 << 20) throws(FileSystemError) -> Data? {
        try readRegularFileBytes(atPath: url.path, limit: limit).map { Data($0) }
    }

    /// ``readRegularFile(_:limit:)`` into an array, read in place (the config scans work on bytes).
    public static func readRegularFileBytes(_ url: URL, limit: Int = 1 << 20) throws(FileSystemError) -> [UInt8]? {
        try readRegularFileBytes(atPath: url.path, limit: limit)
    }

    /// ``readRegularFileBytes(_:limit:)`` for a path.
    public static func readRegularFileBytes(atPath path: String, limit: Int = 1 << 20) throws(FileSystemError)
        -> [UInt8]?
    {
        try readRegularFileBytes(named: path, in: AT_FDCWD, path: path, limit: limit)
    }

    /// ``readRegularFileBytes(atPath:limit:)`` for the file `name` of the open folder `directory`
    /// (`openat`: the kernel looks up one name instead of walking the whole path for each of thousands
    /// of files); `path` names the file in errors.
    public static func readRegularFileBytes(named name: String, in directory: Int32, path: String, limit: Int)
        throws(FileSystemError) -> [UInt8]?
    {
        guard let (descriptor, size) = try openRegularFile(named: name, in: directory, path: path, limit: limit) else {
            return nil
        }
        defer { close(descriptor) }
        // Read in place into the size fstat gave, with one byte more to see its end in the same read (so
        // that reading thousands of small cache files neither clears nor copies a larger buffer).
        let capacity = size + 1
        var failure: FileSystemError?
        var result = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            while initialized < buffer.count {
                let count = read(descriptor, buffer.baseAddress.map { $0 + initialized }, buffer.count - initialized)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = .cannotRead(path: path, reason: lastErrorText()) }
                if count <= 0 { return }
                initialized += count
            }
        }
        if let failure { throw failure }
        if result.count == capacity {
            // It grew after fstat: the rest as it comes.
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while result.count <= limit {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count < 0 { throw .cannotRead(path: path, reason: lastErrorText()) }
                if count == 0 { break }
                result += chunk[0..<count]
            }
        }
        if result.count > limit { throw .tooLarge(path: path, size: result.count, limit: limit) }
        return result
    }

    static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws(FileSystemError) {
        var failure: FileSystemError?
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let written = systemWrite(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = .cannotWrite(path: path, reason: lastErrorText())
                    return
                }
                offset += written
            }
        }
        if let failure { throw failure }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
            Glibc.write(descriptor, buffer, count)
        #elseif canImport(Musl)
            Musl.write(descriptor, buffer, count)
        #else
            Darwin.write(descriptor, buffer, count)
        #endif
    }

    private static func syncDirectory(_ directory: URL) {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    static func lastErrorText() -> String {
        String(cString: strerror(errno))
    }
}
