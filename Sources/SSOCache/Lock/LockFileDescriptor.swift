import FileStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open lock file and whether this descriptor holds its `flock`. `flock` belongs to the open file
/// description, so two descriptors opened separately exclude each other even inside one process, and
/// the kernel drops the lock when the process dies: a crash never leaves a stale lock behind.
struct LockFileDescriptor: ~Copyable {
    let path: String
    private let descriptor: Int32

    /// Opens (creating 0600 when missing) the lock file; refuses a symbolic link or a non-file.
    init(path: String) throws(CacheError) {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            throw .lockFailed(file: path, reason: code == ELOOP ? "it is a symbolic link" : Self.text(code))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw .lockFailed(file: path, reason: "it is not a regular file")
        }
        if info.st_uid == geteuid() && (info.st_mode & 0o777) != 0o600 {
            _ = fchmod(descriptor, 0o600)
        }
        self.descriptor = descriptor
    }

    /// Tries once to take the exclusive lock without blocking.
    /// - Returns: true when taken, false when another open file description holds it.
    func tryLock() throws(CacheError) -> Bool {
        while true {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK || code == EAGAIN { return false }
            throw .lockFailed(file: path, reason: Self.text(code))
        }
    }

    /// Releases the lock (if held) and closes the file; the file itself stays, so waiters never race
    /// on a deleted inode.
    deinit {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func text(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
