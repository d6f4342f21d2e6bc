import AWSFormats
import FileStore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads, writes and deletes one cache file: reads refuse links, folders and oversized files and never
/// change the disk; writes are atomic (temporary file in the same folder, fsync, rename), 0600 in a 0700
/// folder, and replace a link at the target instead of writing through it.
enum CacheFile {
    /// Larger than any token, registration or credential file can legitimately be.
    static let sizeLimit = 256 * 1024

    /// - Returns: the parsed object, or nil when there is no file.
    static func read(_ url: URL) throws(CacheError) -> CacheJSONObject? {
        let path = url.path
        guard let bytes = try readBytes(atPath: path) else { return nil }
        return try CacheJSONObject(data: Data(bytes), file: path)
    }

    /// The file's bytes, or nil when there is no file (the same checks as ``read(_:)``).
    static func readBytes(atPath path: String) throws(CacheError) -> [UInt8]? {
        do {
            return try AtomicFile.readRegularFileBytes(atPath: path, limit: sizeLimit)
        } catch {
            throw .fileSystem(error)
        }
    }

    /// Writes `value` as Python's `json.dumps` would (default separators, no trailing newline).
    /// - Parameter durability: see `AtomicFile.Durability`.
    static func write(
        _ value: PythonJSON.Value, to url: URL, durability: AtomicFile.Durability = .flushed
    ) throws(CacheError) {
        try write(bytes: encoded(value), to: url, durability: durability)
    }

    /// Writes bytes already encoded as `write(_:to:durability:)` encodes a value.
    static func write(bytes: Data, to url: URL, durability: AtomicFile.Durability = .flushed) throws(CacheError) {
        do {
            try AtomicFile.write(
                bytes, to: url, permissions: 0o600, directoryPermissions: 0o700, durability: durability)
        } catch {
            throw .fileSystem(error)
        }
    }

    /// Writes bytes (encoded as `write` encodes a value) as `write` does (not flushed), keeping the old
    /// file under a temporary name whose path is returned (see `AtomicFile.replace`), written into
    /// `spare` (such a path from an earlier call) when it can be (then `spare` becomes nil).
    static func replace(bytes: Data, at url: URL, reusing spare: inout String?) throws(CacheError) -> String? {
        do {
            return try AtomicFile.replace(
                bytes, at: url, reusing: &spare, permissions: 0o600, directoryPermissions: 0o700)
        } catch {
            throw .fileSystem(error)
        }
    }

    /// The bytes of a cache file: Python's `json.dumps` with default separators, no trailing newline.
    static func encoded(_ value: PythonJSON.Value) -> Data {
        Data(PythonJSON.encode(value, separators: .standard, sortKeys: false).utf8)
    }

    /// Removes the file (or a link in its place, never its target); a missing file is not an error.
    static func delete(_ url: URL) throws(CacheError) {
        let path = url.path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .fileSystem(.cannotWrite(path: path, reason: String(cString: strerror(errno))))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .fileSystem(.notARegularFile(path: path, kind: "a folder"))
        }
        if unlink(path) != 0 && errno != ENOENT {
            throw .fileSystem(.cannotWrite(path: path, reason: String(cString: strerror(errno))))
        }
    }

    /// The `.json` files directly in `directory` (not hidden temporary files), sorted by name.
    static func jsonFiles(in directory: URL) throws(CacheError) -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            var info = stat()
            if lstat(directory.path, &info) != 0 && errno == ENOENT { return [] }
            throw .fileSystem(.cannotRead(path: directory.path, reason: "cannot list the folder"))
        }
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0, isDirectory: false) }
    }
}
