import Foundation
import SSOCache
import SSOWire

/// What came of trying the refresh token.
enum RefreshOutcome: Sendable {
    case refreshed(CachedToken)
    /// No refresh token, no client registration, or the registration has expired.
    case impossible
    /// The service refused the refresh token or the client: only a new login will do.
    case rejected(code: String)
    /// A passing failure (network, 5xx, throttling) that retries did not overcome.
    case failed(WireError)
}

extension PortalLogin {
    /// Error codes with which the OIDC service says the refresh token or the client is no longer good.
    static let refreshRejectionCodes: Set<String> = [
        "InvalidGrantException", "InvalidClientException", "UnauthorizedClientException",
        "ExpiredTokenException", "AccessDeniedException", "InvalidRequestException",
    ]

    /// `CreateToken(grant_type=refresh_token)` with the client registration copied into the token file,
    /// as botocore does; on success the token is written to every cache file of this portal.
    func refresh(_ cached: CachedToken) async -> RefreshOutcome {
        let now = dependencies.options.clock.now()
        guard
            let refreshToken = cached.refreshToken,
            let clientID = cached.clientID,
            let clientSecret = cached.clientSecret,
            let registrationExpiry = cached.registrationExpiresAt,
            registrationExpiry > now
        else { return .impossible }
        let oidc = dependencies.oidc
        let grant: TokenGrant
        do {
            grant = try await dependencies.options.retry.run { () async throws(WireError) -> TokenGrant in
                try await oidc.createToken(
                    clientID: clientID, clientSecret: clientSecret, grant: .refreshToken(refreshToken))
            }
        } catch {
            if case .service(let service) = error, Self.refreshRejectionCodes.contains(service.code) {
                return .rejected(code: service.code)
            }
            return .failed(error)
        }
        let renewed = CachedToken(
            startURL: key.startURL,
            region: key.region,
            accessToken: grant.accessToken,
            expiresAt: dependencies.options.clock.now().addingTimeInterval(TimeInterval(grant.expiresIn)),
            clientID: clientID,
            clientSecret: clientSecret,
            registrationExpiresAt: registrationExpiry,
            refreshToken: grant.refreshToken
        )
        do {
            try store(renewed)
        } catch {
            return .failed(.invalidResponse(operation: "CreateToken", reason: "\(error)"))
        }
        return .refreshed(renewed)
    }
}
