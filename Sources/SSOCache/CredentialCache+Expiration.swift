import AWSFormats
import FileStore
public import Foundation

extension CredentialCache.Reader {
    /// When the credentials ``read(_:)`` would return expire, without copying their secrets out of the
    /// file, read into `buffer`, which the caller reuses from file to file: `status` and `login --all`
    /// with nothing to do need only the times of thousands of files.
    /// - Returns: nil when there is no file.
    /// - Throws: what ``read(_:)`` throws, for the same files.
    public func expiration(_ key: RoleCredentialCacheKey, buffer: inout [UInt8]) throws(CacheError) -> Date? {
        guard directory >= 0 else { return try read(key)?.expiration }
        let count: Int?
        do {
            count = try AtomicFile.readRegularFile(
                named: key.fileName, in: directory, path: cache.path(for: key), limit: CacheFile.sizeLimit,
                into: &buffer)
        } catch {
            throw .fileSystem(error)
        }
        guard let count else { return nil }
        let plain = buffer.withUnsafeBytes { bytes in
            CredentialFileScanner.expiration(UnsafeRawBufferPointer(rebasing: bytes[..<count]))
        }
        if let plain { return plain }
        return try CredentialCache.credentials(Array(buffer[..<count]), path: cache.path(for: key)).expiration
    }
}

extension CredentialCache.Reader {
    /// ``expiration(_:buffer:)`` of `count` files, the key of the file at each index made by `key` (nil:
    /// no file to read, a nil answer), in index order. With many files, two halves are named and read
    /// at once, each into its own buffer.
    public func expirations(count: Int, key: @escaping @Sendable (Int) -> RoleCredentialCacheKey?) async
        -> [Result<Date?, CacheError>]
    {
        @Sendable func read(_ range: Range<Int>) -> [Result<Date?, CacheError>] {
            var buffer: [UInt8] = []
            return range.map { index in
                guard let key = key(index) else { return .success(nil) }
                return Result { () throws(CacheError) in try expiration(key, buffer: &buffer) }
            }
        }
        let chunks = count < 512 ? 1 : min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard chunks > 1 else { return read(0..<count) }
        let size = (count + chunks - 1) / chunks
        return await withTaskGroup(of: (Int, [Result<Date?, CacheError>]).self) { group in
            for chunk in 0..<chunks {
                let range = (chunk * size)..<min(count, (chunk + 1) * size)
                group.addTask { (chunk, read(range)) }
            }
            var parts = [[Result<Date?, CacheError>]](repeating: [], count: chunks)
            for await (chunk, part) in group { parts[chunk] = part }
            return parts.flatMap { $0 }
        }
    }
}
