import Foundation
import SSOCache
import SSOConfig
import SSOWire

extension PortalLogin {
    /// Which interactive flow a login uses, and why (said in `-v` output and prompts).
    enum FlowChoice: Sendable {
        case authorizationCode
        case deviceCode(reason: String?)
    }

    /// Picks the flow as the AWS CLI v2 does, plus multisso's automatic fallback on headless machines.
    func chooseFlow() -> FlowChoice {
        guard let primary = sessions.first, primary.name != nil else {
            return .deviceCode(reason: "legacy profiles (sso_start_url in the profile) always use the device code flow")
        }
        if dependencies.options.useDeviceCode { return .deviceCode(reason: nil) }
        if primary.useDeviceCode { return .deviceCode(reason: "sso_use_device_code = true in [sso-session \(label)]") }
        if !dependencies.options.noBrowser,
            let reason = BrowserOpener.headlessReason(environment: dependencies.environment)
        {
            return .deviceCode(reason: reason)
        }
        return .authorizationCode
    }

    /// Runs the interactive flow, caches the registration and the token, and returns the token.
    /// Called with the portal lock and the interactive gate held.
    func interactiveLogin() async throws -> CachedToken {
        guard let primary = sessions.first else {
            throw SessionError.loginRequired(portal: label, command: loginCommand)
        }
        let choice = chooseFlow()
        let options = dependencies.options
        let context = LoginFlowContext(
            session: primary,
            sessionLabel: label,
            oidc: dependencies.oidc,
            oidcEndpoint: dependencies.oidcEndpoint,
            presenter: options.presenter,
            browser: BrowserOpener(environment: dependencies.environment, disabled: options.noBrowser),
            timeout: options.loginTimeout
        )
        if case .deviceCode(let reason?) = choice {
            await options.presenter.present(
                .notice(sessionLabel: label, message: "Using the device code flow: \(reason)"))
        }
        let registration: CachedRegistration
        let grant: TokenGrant
        do {
            let authorizationCode = if case .authorizationCode = choice { true } else { false }
            (registration, grant) = try await withUsableRegistration(
                authorizationCode: authorizationCode, session: primary
            ) {
                registration, cached in
                if authorizationCode {
                    return try await AuthorizationCodeFlow.run(
                        context, registration: registration.clientRegistration, verifyingClient: cached)
                }
                return try await DeviceCodeFlow.run(context, registration: registration.clientRegistration)
            }
        } catch let error as SessionError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch LoginError.cancelled {
            throw CancellationError()
        } catch {
            throw SessionError.loginFailed(portal: label, underlying: error)
        }
        let token = CachedToken(
            startURL: key.startURL,
            region: key.region,
            accessToken: grant.accessToken,
            expiresAt: options.clock.now().addingTimeInterval(TimeInterval(grant.expiresIn)),
            clientID: registration.clientID,
            clientSecret: registration.clientSecret,
            registrationExpiresAt: registration.expiresAt,
            refreshToken: grant.refreshToken
        )
        try store(token)
        return token
    }

    /// A client registration usable for the flow: unless `reuse` is false, the cached one when it has
    /// more than 15 minutes left and was made for the same kind of flow (as the AWS CLI decides),
    /// otherwise a new one, cached. `cached` says which.
    func registrationFor(
        authorizationCode: Bool, session: SSOSessionSettings, reuse: Bool = true
    ) async throws -> (registration: CachedRegistration, cached: Bool) {
        let cacheKey = Self.registrationKey(session)
        let now = dependencies.options.clock.now()
        if reuse, let cached = try? dependencies.tokenCache.readRegistration(cacheKey),
            (cached.grantTypes?.contains("authorization_code") ?? false) == authorizationCode
        {
            let margin = dependencies.options.registrationMargin
            if Freshness(
                expiresAt: cached.expiresAt, now: now, margins: ExpiryMargins(refresh: margin, expired: margin))
                == .fresh
            {
                return (cached, true)
            }
            await dependencies.options.presenter.present(
                .notice(
                    sessionLabel: label,
                    message:
                        "The cached client registration has expired (or expires within 15 minutes); registering a new client"
                ))
        }
        let oidc = dependencies.oidc
        let fresh: ClientRegistration
        if authorizationCode {
            let request = AuthorizationCodeFlow.registrationRequest(for: session)
            fresh = try await dependencies.options.retry.run { () async throws(WireError) -> ClientRegistration in
                try await oidc.registerClient(
                    name: request.name, scopes: request.scopes, grantTypes: request.grantTypes,
                    redirectURIs: request.redirectURIs, issuerURL: request.issuerURL)
            }
        } else {
            let request = DeviceCodeFlow.registrationRequest(for: session, now: now)
            fresh = try await dependencies.options.retry.run { () async throws(WireError) -> ClientRegistration in
                try await oidc.registerClient(
                    name: request.name, scopes: request.scopes, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            }
        }
        let registration = CachedRegistration(
            clientID: fresh.clientID,
            clientSecret: fresh.clientSecret,
            expiresAt: fresh.clientSecretExpiresAt,
            scopes: fresh.scopes
                ?? (authorizationCode
                    ? AuthorizationCodeFlow.registrationRequest(for: session).scopes : session.registrationScopes),
            grantTypes: authorizationCode ? ["authorization_code", "refresh_token"] : nil
        )
        do {
            try dependencies.tokenCache.writeRegistration(registration, for: cacheKey)
        } catch {
            throw SessionError.cache(error)
        }
        return (registration, false)
    }
}

extension CachedRegistration {
    /// The registration in the shape the login flows take.
    var clientRegistration: ClientRegistration {
        ClientRegistration(
            clientID: clientID, clientSecret: clientSecret, clientIDIssuedAt: Date(timeIntervalSince1970: 0),
            clientSecretExpiresAt: expiresAt, scopes: scopes, grantTypes: grantTypes)
    }
}
