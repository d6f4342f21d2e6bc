#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// ``readRegularFileBytes(named:in:path:limit:)`` into `buffer`, which the caller reuses from file
    /// to file (it grows when a file needs more): the file's bytes are `buffer[..<count]`. A file
    /// smaller than the buffer takes an `openat`, one `read` and a `close` (thousands of small cache
    /// files: no allocation, no `fstat` and no second `read` to see the end each). The file is opened
    /// without blocking, so that read returns at once from anything else, and `fstat` then tells what
    /// it is (a folder, a pipe, a device) and how large, exactly as for a file the buffer cannot hold
    /// or an empty one.
    /// - Returns: the byte count, or nil when there is no file.
    /// - Throws: what ``readRegularFileBytes(named:in:path:limit:)`` throws, for the same files.
    public static func readRegularFile(
        named name: String, in directory: Int32, path: String, limit: Int, into buffer: inout [UInt8]
    ) throws(FileSystemError) -> Int? {
        guard let descriptor = try openFile(named: name, in: directory, path: path) else { return nil }
        defer { close(descriptor) }
        if buffer.isEmpty { buffer = [UInt8](repeating: 0, count: 4096) }
        var first: Int
        repeat {
            first = buffer.withUnsafeMutableBytes { bytes in read(descriptor, bytes.baseAddress, bytes.count) }
        } while first < 0 && errno == EINTR
        let readError = first < 0 ? lastErrorText() : nil
        // A regular file gives all it has up to the count asked for: one shorter than the buffer was read whole.
        if first > 0, first < buffer.count, first <= limit { return first }
        let size = try checkRegularFile(descriptor, path: path, limit: limit)
        if let readError { throw .cannotRead(path: path, reason: readError) }
        if buffer.count <= size { buffer += repeatElement(0, count: size + 1 - buffer.count) }
        var count = first
        while count <= limit, count != size {
            if count == buffer.count { buffer += repeatElement(0, count: buffer.count) }
            let got = buffer.withUnsafeMutableBytes { bytes in
                read(descriptor, bytes.baseAddress.map { $0 + count }, bytes.count - count)
            }
            if got < 0, errno == EINTR { continue }
            if got < 0 { throw .cannotRead(path: path, reason: lastErrorText()) }
            if got == 0 { break }
            count += got
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
        guard let descriptor = try openFile(named: name, in: directory, path: path) else { return nil }
        do {
            return (descriptor, try checkRegularFile(descriptor, path: path, limit: limit))
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Opens `name` of the open folder `directory` for reading, without following a link or blocking
    /// on a pipe: nil when there is no file.
    static func openFile(named name: String, in directory: Int32, path: String) throws(FileSystemError) -> Int32? {
        let descriptor = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        if descriptor >= 0 { return descriptor }
        let code = errno
        if code == ENOENT { return nil }
        if code == ELOOP { throw .notARegularFile(path: path, kind: "a symbolic link") }
        throw .cannotRead(path: path, reason: String(cString: strerror(code)))
    }

    /// The size of the open file `descriptor`, once `fstat` shows it a regular file of at most `limit` bytes.
    static func checkRegularFile(_ descriptor: Int32, path: String, limit: Int) throws(FileSystemError) -> Int {
        var info = stat()
        if fstat(descriptor, &info) != 0 { throw .cannotRead(path: path, reason: lastErrorText()) }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            if Int(info.st_size) > limit { throw .tooLarge(path: path, size: Int(info.st_size), limit: limit) }
            return Int(info.st_size)
        case S_IFDIR: throw .notARegularFile(path: path, kind: "a folder")
        default: throw .notARegularFile(path: path, kind: "a special file")
        }
    }
}
