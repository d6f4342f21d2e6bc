import SSOWire

extension PortalLogin {
    /// Runs `body` with a valid access token (reused, refreshed or logged in for, as the login policy
    /// allows). When the portal refuses it (UnauthorizedException: the service ended the session before
    /// the cached expiry), the token is invalidated, renewed the same way and `body` runs once more.
    /// Every caller that sends a token to the portal goes through here.
    /// - Throws: what ``accessToken()`` throws; what `body` throws, a second refusal included.
    public func withAccessToken<Result: Sendable>(
        _ body: @Sendable (String) async throws -> Result
    ) async throws -> Result {
        let token = try await accessToken()
        do {
            return try await body(token)
        } catch let error as WireError where error.isUnauthorized {
            invalidate(accessToken: token)
            let renewed = try await accessToken()
            do {
                return try await body(renewed)
            } catch let error as WireError where error.isUnauthorized {
                invalidate(accessToken: renewed)
                throw error
            }
        }
    }
}
