public import AWSFormats
import FileStore
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The AWS CLI v2's role credential cache, `~/.aws/cli/cache`: multisso writes what it fetched in the CLI's
/// key derivation and layout, so `aws` commands use it without calling GetRoleCredentials again.
public struct CredentialCache: Sendable {
    /// The cache folder (`AWSEnvironment.cliCacheDirectory`).
    public let directory: URL
    /// `directory.path` with a trailing `/`, to which file names are appended.
    private let directoryPrefix: String

    public init(directory: URL) {
        self.directory = directory
        let path = directory.path
        self.directoryPrefix = path.hasSuffix("/") ? path : path + "/"
    }

    /// The file that holds the credentials of `key`.
    public func url(for key: RoleCredentialCacheKey) -> URL {
        directory.appendingPathComponent(key.fileName, isDirectory: false)
    }

    /// The path of ``url(for:)``, built without a URL (`status` and `login --all` name thousands).
    public func path(for key: RoleCredentialCacheKey) -> String {
        directoryPrefix + key.fileName
    }

    /// Reads cached role credentials.
    /// - Returns: the credentials, or nil when there is no file.
    /// - Throws: `CacheError` naming the file when it is malformed, a link, a folder or too large.
    public func read(_ key: RoleCredentialCacheKey) throws(CacheError) -> RoleCredentials? {
        try Self.read(atPath: path(for: key))
    }

    /// ``read(_:)`` from the cache folder at `directoryPath`, without making a `URL` (whose first `path`
    /// costs `credential-process` more than reading the file).
    public static func read(_ key: RoleCredentialCacheKey, directoryPath: String) throws(CacheError)
        -> RoleCredentials?
    {
        try read(atPath: (directoryPath.hasSuffix("/") ? directoryPath : directoryPath + "/") + key.fileName)
    }

    private static func read(atPath path: String) throws(CacheError) -> RoleCredentials? {
        guard let bytes = try CacheFile.readBytes(atPath: path) else { return nil }
        return try Self.credentials(bytes, path: path)
    }

    /// The credentials of a file's bytes: scanned when plain, else read as JSON (errors name `path`).
    static func credentials(_ bytes: [UInt8], path: String) throws(CacheError) -> RoleCredentials {
        if let plain = bytes.withUnsafeBytes({ CredentialFileScanner.credentials($0) }) { return plain }
        return try RoleCredentials(json: CacheJSONObject(data: Data(bytes), file: path))
    }

    /// Runs `body` with a reader of this cache that opens each file by name in the folder, opened once
    /// (``read(_:)`` otherwise walks the whole path for every file); the folder is closed when `body`
    /// ends. Where the folder cannot be opened, the reader reads by path, as ``read(_:)``.
    public func withReader<Result>(
        isolation: isolated (any Actor)? = #isolation, _ body: (Reader) async throws -> Result
    ) async rethrows -> Result {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if descriptor >= 0 { close(descriptor) } }
        return try await body(Reader(cache: self, directory: descriptor))
    }

    /// Reads files of one cache folder held open by ``withReader(_:)``; valid only inside it.
    public struct Reader: Sendable {
        let cache: CredentialCache
        let directory: Int32

        /// ``CredentialCache/read(_:)``, opening the file in the open folder.
        public func read(_ key: RoleCredentialCacheKey) throws(CacheError) -> RoleCredentials? {
            guard directory >= 0 else { return try cache.read(key) }
            let path = cache.path(for: key)
            let bytes: [UInt8]?
            do {
                bytes = try AtomicFile.readRegularFileBytes(
                    named: key.fileName, in: directory, path: path, limit: CacheFile.sizeLimit)
            } catch {
                throw .fileSystem(error)
            }
            guard let bytes else { return nil }
            return try CredentialCache.credentials(bytes, path: path)
        }
    }

    /// Replaces the credential file atomically (mode 0600, folder 0700).
    ///
    /// Atomic but not flushed to disk (`AtomicFile.Durability.atomic`), as the AWS CLI writes this cache:
    /// every reader, and every process killed mid-write, sees the old file or the new one; only a power
    /// loss could cost the last writes, and a lost or empty credential file reads as absent and is
    /// fetched again. Two `fsync`s per file would cost `login --all` more than its network calls
    /// (measured in Benchmarks/README.md). Tokens and registrations, which cost a login, are flushed.
    public func write(_ credentials: RoleCredentials, for key: RoleCredentialCacheKey) throws(CacheError) {
        try CacheFile.write(bytes: credentials.cacheFileBytes, to: url(for: key), durability: .atomic)
    }

    /// Replaces the credential file as `write` does, keeping the old file's inode alive under a
    /// temporary name (see `AtomicFile.replace`), whose path is returned so that the caller reuses it
    /// as the `spare` of a later replace or removes it (`CredentialFileWriter`); nil when there was no
    /// old file.
    public func replace(_ credentials: RoleCredentials, for key: RoleCredentialCacheKey) throws(CacheError) -> String? {
        var spare: String?
        return try replace(credentials, for: key, reusing: &spare)
    }

    /// `replace(_:for:)`, writing into `spare` (a path a replace returned) instead of a new temporary
    /// file when nothing else has that file open; `spare` is nil on return when it was used, unchanged
    /// (the caller's to remove) when it could not be.
    public func replace(
        _ credentials: RoleCredentials, for key: RoleCredentialCacheKey, reusing spare: inout String?
    ) throws(CacheError) -> String? {
        try CacheFile.replace(bytes: credentials.cacheFileBytes, at: url(for: key), reusing: &spare)
    }

    /// Deletes the credential file; a missing file is not an error.
    public func delete(_ key: RoleCredentialCacheKey) throws(CacheError) {
        try CacheFile.delete(url(for: key))
    }

    /// Deletes every file with `"ProviderType": "sso"`, as `aws sso logout` does; other files (assume-role
    /// caches, unreadable files) are kept.
    /// - Returns: how many files were deleted.
    public func deleteAllSSOCredentials() throws(CacheError) -> Int {
        var deleted = 0
        for url in try CacheFile.jsonFiles(in: directory) {
            guard let json = try? CacheFile.read(url),
                (try? json.optionalString("ProviderType")) == "sso"
            else { continue }
            try CacheFile.delete(url)
            deleted += 1
        }
        return deleted
    }
}
