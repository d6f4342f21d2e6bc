#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// ``readRegularFileBytes(named:in:path:limit:)`` into `buffer`, which the caller reuses from file
    /// to file (it grows when a file needs more): the file's bytes are `buffer[..<count]`. A file of the
    /// size `fstat` gave takes one `read` (thousands of small cache files: no allocation and no second
    /// `read` to see the end each).
    /// - Returns: the byte count, or nil when there is no file.
    /// - Throws: what ``readRegularFileBytes(named:in:path:limit:)`` throws, for the same files.
    public static func readRegularFile(
        named name: String, in directory: Int32, path: String, limit: Int, into buffer: inout [UInt8]
    ) throws(FileSystemError) -> Int? {
        guard let (descriptor, size) = try openRegularFile(named: name, in: directory, path: path, limit: limit) else {
            return nil
        }
        defer { close(descriptor) }
        if buffer.count <= size { buffer = [UInt8](repeating: 0, count: max(size + 1, 4096)) }
        var count = 0
        while count <= limit {
            if count == buffer.count { buffer += repeatElement(0, count: buffer.count) }
            let got = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress.map { $0 + count }, bytes.count - count)
            }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw .cannotRead(path: path, reason: lastErrorText()) }
            if got == 0 { break }
            count += got
            // All that fstat gave, read with room left for more: a file that had more would have given it.
            if count == size { break }
        }
        if count > limit { throw .tooLarge(path: path, size: count, limit: limit) }
        return count
    }

    /// Opens the regular file `name` of the open folder `directory` (`AT_FDCWD` and a path for a path)
    /// without following a link or blocking on a pipe, and checks its size against `limit`.
    /// - Returns: the descriptor, which the caller closes, and the size `fstat` gave; nil when there is no file.
    static func openRegularFile(named name: String, in directory: Int32, path: String, limit: Int)
        throws(FileSystemError) -> (descriptor: Int32, size: Int)?
    {
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if descriptor < 0 {
            let code = errno
            if code == ENOENT { return nil }
            if code == ELOOP { throw .notARegularFile(path: path, kind: "a symbolic link") }
            throw .cannotRead(path: path, reason: String(cString: strerror(code)))
        }
        var info = stat()
        let failure: FileSystemError?
        if fstat(descriptor, &info) != 0 {
            failure = .cannotRead(path: path, reason: lastErrorText())
        } else {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                failure =
                    Int(info.st_size) <= limit ? nil : .tooLarge(path: path, size: Int(info.st_size), limit: limit)
            case S_IFDIR: failure = .notARegularFile(path: path, kind: "a folder")
            default: failure = .notARegularFile(path: path, kind: "a special file")
            }
        }
        if let failure {
            close(descriptor)
            throw failure
        }
        return (descriptor, Int(info.st_size))
    }
}
