import Foundation
public import SSOConfig
public import SSOWire

/// The browser login with authorization code and PKCE (RFC 6749 §4.1, RFC 7636) as the AWS CLI v2
/// runs it: a loopback listener first, then the authorize URL opened or printed, the redirect's
/// code, and CreateToken with the same redirect URI and the verifier. Used for `[sso-session]` logins by default.
public enum AuthorizationCodeFlow {
    /// The scopes registered and requested when `sso_registration_scopes` is not configured.
    public static let defaultScopes = ["sso:account:access"]
    /// The grant types a registration for this flow must have.
    public static let grantTypes = ["authorization_code", "refresh_token"]

    /// The RegisterClient arguments for this flow, as the AWS CLI sends them.
    public static func registrationRequest(
        for session: SSOSessionSettings
    ) -> (name: String, scopes: [String], grantTypes: [String], redirectURIs: [String], issuerURL: String) {
        let scopes = session.registrationScopes.flatMap { $0.isEmpty ? nil : $0 } ?? defaultScopes
        return (
            name: "botocore-client-\(session.name ?? "multisso")",
            scopes: scopes,
            grantTypes: grantTypes,
            redirectURIs: [AuthorizeURL.registeredRedirectURI],
            issuerURL: session.startURL
        )
    }

    /// Runs the login and returns the token grant.
    /// - Parameter verifyingClient: first ask the service whether it still knows the registration (a
    ///   cached one): the authorize page of an unknown client fails in the browser and never redirects.
    /// - Throws: ``LoginError`` (listener, state, denial, timeout, expiry, service errors; a
    ///   ``LoginError/service(sessionLabel:_:)`` with InvalidClientException for an unknown client).
    public static func run(
        _ context: LoginFlowContext, registration: ClientRegistration, verifyingClient: Bool = false
    ) async throws -> TokenGrant {
        guard registration.grantTypes?.contains("authorization_code") == true else {
            throw LoginError.registrationNotForFlow(
                sessionLabel: context.sessionLabel, flow: "browser (authorization code)")
        }
        if verifyingClient { try await verifyClient(registration, context) }
        let scopes = registrationRequest(for: context.session).scopes
        return try await LoopbackListener.withListener { listener in
            let pkce = PKCE.generate()
            let state = UUID().uuidString.lowercased()
            let redirectURI = listener.redirectURI
            guard
                let url = AuthorizeURL.build(
                    oidcEndpoint: context.oidcEndpoint, clientID: registration.clientID, redirectURI: redirectURI,
                    state: state, codeChallenge: pkce.challenge, scopes: scopes)
            else { throw LoginError.invalidOIDCEndpoint(context.oidcEndpoint.absoluteString) }
            return try await withThrowingTaskGroup(of: String?.self) { group in
                // Wait before showing anything, so a presenter that follows the URL itself cannot deadlock.
                group.addTask { try await listener.waitForCode(expectedState: state, timeout: context.timeout) }
                // Meanwhile make sure the authorize page's server can be reached at all: with a cached
                // registration nothing else would call it before the redirect, and without this check
                // an unreachable endpoint meant waiting out the whole timeout.
                if !verifyingClient {
                    group.addTask {
                        try await checkReachable(context)
                        return nil
                    }
                }
                switch await BrowserLaunch.attempt(url, with: context.browser) {
                case .opened:
                    await context.presenter.present(.browserOpened(sessionLabel: context.sessionLabel, url: url))
                case .notOpened(let reason):
                    await context.presenter.present(
                        .openURL(sessionLabel: context.sessionLabel, url: url, reason: reason))
                }
                await context.presenter.present(.waiting(sessionLabel: context.sessionLabel))
                while let result = try await group.next() {
                    guard let code = result else { continue }
                    group.cancelAll()
                    return try await redeem(
                        code: code, redirectURI: redirectURI, verifier: pkce.verifier, context, registration)
                }
                throw LoginError.cancelled
            }
        }
    }

    /// ``OIDCClient/clientIsKnown(clientID:clientSecret:)`` with the flow's retries: an unknown client
    /// is the service's InvalidClientException, an unreachable service ``LoginError/endpointUnreachable(sessionLabel:endpoint:_:)``.
    private static func verifyClient(_ registration: ClientRegistration, _ context: LoginFlowContext)
        async throws(LoginError)
    {
        let known: Bool
        do {
            known = try await context.retry.run { () async throws(WireError) in
                try await context.oidc.clientIsKnown(
                    clientID: registration.clientID, clientSecret: registration.clientSecret)
            }
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .endpointUnreachable(
                sessionLabel: context.sessionLabel, endpoint: context.oidcEndpoint.absoluteString, error)
        }
        if !known {
            let error = WireError.service(
                ServiceError(
                    operation: "CreateToken", status: 400, code: OIDCClient.unknownClientCode,
                    message: "the client registration is unknown or expired"))
            throw .service(sessionLabel: context.sessionLabel, error)
        }
    }

    /// ``OIDCClient/checkReachable()`` with the flow's retries, as a ``LoginError``.
    private static func checkReachable(_ context: LoginFlowContext) async throws(LoginError) {
        do {
            try await context.retry.run { () async throws(WireError) in try await context.oidc.checkReachable() }
        } catch {
            if case .cancelled = error { throw .cancelled }
            throw .endpointUnreachable(
                sessionLabel: context.sessionLabel, endpoint: context.oidcEndpoint.absoluteString, error)
        }
    }

    private static func redeem(
        code: String, redirectURI: String, verifier: String, _ context: LoginFlowContext,
        _ registration: ClientRegistration
    ) async throws(LoginError) -> TokenGrant {
        do {
            return try await context.retry.run { () async throws(WireError) in
                try await context.oidc.createToken(
                    clientID: registration.clientID, clientSecret: registration.clientSecret,
                    grant: .authorizationCode(code: code, redirectURI: redirectURI, codeVerifier: verifier))
            }
        } catch {
            if error.code == "ExpiredTokenException" { throw .authorizationExpired(sessionLabel: context.sessionLabel) }
            if case .cancelled = error { throw .cancelled }
            throw .service(sessionLabel: context.sessionLabel, error)
        }
    }
}
