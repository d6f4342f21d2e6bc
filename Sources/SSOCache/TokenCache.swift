public import Foundation

/// The SSO token and client registration cache, `~/.aws/sso/cache`, in the exact format of the AWS CLI v2,
/// so that `aws` and multisso share logins. Reads never change the disk; writes are atomic.
public struct TokenCache: Sendable {
    /// The cache folder (`AWSEnvironment.ssoCacheDirectory`).
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The file that holds the token of `key`.
    public func url(for key: TokenCacheKey) -> URL {
        directory.appendingPathComponent(key.fileName, isDirectory: false)
    }

    /// The file that holds the registration of `key`.
    public func url(for key: RegistrationCacheKey) -> URL {
        directory.appendingPathComponent(key.fileName, isDirectory: false)
    }

    /// Reads the token of a portal.
    /// - Returns: the token, or nil when there is no file.
    /// - Throws: `CacheError` naming the file when it is malformed, a link, a folder or too large.
    public func readToken(_ key: TokenCacheKey) throws(CacheError) -> CachedToken? {
        guard let json = try CacheFile.read(url(for: key)) else { return nil }
        return try CachedToken(json: json)
    }

    /// Replaces the token file atomically (mode 0600, folder 0700).
    public func writeToken(_ token: CachedToken, for key: TokenCacheKey) throws(CacheError) {
        try CacheFile.write(token.jsonValue, to: url(for: key))
    }

    /// Deletes the token file; a missing file is not an error.
    public func deleteToken(_ key: TokenCacheKey) throws(CacheError) {
        try CacheFile.delete(url(for: key))
    }

    /// Reads a client registration.
    /// - Returns: the registration, or nil when there is no file.
    public func readRegistration(_ key: RegistrationCacheKey) throws(CacheError) -> CachedRegistration? {
        guard let json = try CacheFile.read(url(for: key)) else { return nil }
        return try CachedRegistration(json: json)
    }

    /// Replaces the registration file atomically.
    public func writeRegistration(_ registration: CachedRegistration, for key: RegistrationCacheKey) throws(CacheError)
    {
        try CacheFile.write(registration.jsonValue, to: url(for: key))
    }

    /// Deletes the registration file; a missing file is not an error.
    public func deleteRegistration(_ key: RegistrationCacheKey) throws(CacheError) {
        try CacheFile.delete(url(for: key))
    }

    /// Every readable token file in the folder (files with an `accessToken`), for `logout --all` and `status`.
    /// Registration files and files that cannot be read as tokens are skipped; `tokenFileURLs()` lists
    /// every file `aws sso logout` would delete.
    public func allTokenFiles() throws(CacheError) -> [(url: URL, token: CachedToken)] {
        var result: [(url: URL, token: CachedToken)] = []
        for url in try CacheFile.jsonFiles(in: directory) {
            guard let json = try? CacheFile.read(url), json.has("accessToken"),
                let token = try? CachedToken(json: json)
            else { continue }
            result.append((url, token))
        }
        return result
    }

    /// Every JSON file in the folder that has an `accessToken`, readable as a `CachedToken` or not: the files
    /// `aws sso logout` deletes.
    public func tokenFileURLs() throws(CacheError) -> [URL] {
        try CacheFile.jsonFiles(in: directory).filter { url in
            (try? CacheFile.read(url))?.has("accessToken") ?? false
        }
    }
}
