public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// Removes the file (or symbolic link) at `url`; a missing file is not an error. A folder is refused.
    /// - Throws: `FileSystemError` naming the path.
    public static func removeFile(_ url: URL) throws(FileSystemError) {
        let path = url.path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .cannotWrite(path: path, reason: lastErrorText())
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw .notARegularFile(path: path, kind: "a folder") }
        if unlink(path) != 0 && errno != ENOENT { throw .cannotWrite(path: path, reason: lastErrorText()) }
    }
}
