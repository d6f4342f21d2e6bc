extension TokenCache {
    /// The portal lock of `key`, in this cache's folder.
    public func portalLock(for key: TokenCacheKey) -> PortalLock {
        PortalLock(directory: directory, key: key)
    }

    /// Takes the portal lock, then reads the token again (another process may just have logged in) and
    /// hands the fresh read to `body`. A malformed token file arrives as `.failure`, so that `body` can
    /// decide to log in again and overwrite it.
    /// - Throws: what `PortalLock.withLock` throws, or what `body` throws.
    public func withPortalLock<T: Sendable>(
        _ key: TokenCacheKey,
        timeout: Duration = .seconds(900),
        isolation: isolated (any Actor)? = #isolation,
        _ body: (_ current: Result<CachedToken?, CacheError>) async throws -> T
    ) async throws -> T {
        try await portalLock(for: key).withLock(timeout: timeout) {
            let current = Result { () throws(CacheError) -> CachedToken? in try readToken(key) }
            return try await body(current)
        }
    }
}
