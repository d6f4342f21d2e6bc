extension PortalLogin {
    /// Forgets the token held in memory when none of the portal's cache files holds a token any more
    /// (a logout in another process deleted them), so the next ``accessToken()`` reads the cache again
    /// instead of using a token that was revoked. Returns whether it did.
    func forgetIfLoggedOutElsewhere() -> Bool {
        guard cachedToken() != nil, (try? readBestCachedToken(includingRejected: true)) == nil else {
            return false
        }
        forget()
        return true
    }
}
