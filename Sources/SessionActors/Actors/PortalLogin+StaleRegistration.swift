import SSOCache
import SSOConfig
import SSOWire

extension PortalLogin {
    /// Runs a login flow with a usable client registration. When the service no longer knows the
    /// cached one (InvalidClientException: it was deleted, or its secret expired early), the cached
    /// file is replaced by a new registration once and the flow runs again; a fresh registration
    /// the service refuses is an error like any other.
    func withUsableRegistration(
        authorizationCode: Bool, session: SSOSessionSettings,
        _ flow: (_ registration: CachedRegistration, _ cached: Bool) async throws -> TokenGrant
    ) async throws -> (CachedRegistration, TokenGrant) {
        let (registration, cached) = try await registrationFor(authorizationCode: authorizationCode, session: session)
        do {
            return (registration, try await flow(registration, cached))
        } catch let error as LoginError where cached && error.isUnknownClient {
            await dependencies.options.presenter.present(
                .notice(
                    sessionLabel: label,
                    message:
                        "The service no longer knows the cached client registration (InvalidClientException); registering a new client"
                ))
            let fresh = try await registrationFor(authorizationCode: authorizationCode, session: session, reuse: false)
            return (fresh.registration, try await flow(fresh.registration, false))
        }
    }

    /// Deletes the cached client registration when the service says it no longer knows it, so that
    /// the next login registers anew at once (for logout). Returns whether a file was deleted; a
    /// service that cannot be reached leaves the file alone.
    func dropStaleRegistration() async -> Bool {
        guard let session = sessions.first else { return false }
        let key = Self.registrationKey(session)
        guard let registration = try? dependencies.tokenCache.readRegistration(key),
            let known = try? await dependencies.oidc.clientIsKnown(
                clientID: registration.clientID, clientSecret: registration.clientSecret),
            !known
        else { return false }
        return (try? dependencies.tokenCache.deleteRegistration(key)) != nil
    }

    /// Where a session's client registration is cached (the AWS CLI's key).
    static func registrationKey(_ session: SSOSessionSettings) -> RegistrationCacheKey {
        RegistrationCacheKey(
            startURL: session.startURL, region: session.region, scopes: session.registrationScopes,
            sessionName: session.name)
    }
}

extension LoginError {
    /// Whether the service refused the client itself: it does not know the registration (any more).
    var isUnknownClient: Bool {
        switch self {
        case .service(_, let error), .endpointUnreachable(_, _, let error): error.code == OIDCClient.unknownClientCode
        default: false
        }
    }
}
