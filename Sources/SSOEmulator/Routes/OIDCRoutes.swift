import Foundation
import Hummingbird

/// The SSO OIDC API at the root path: RegisterClient, StartDeviceAuthorization, CreateToken.
struct OIDCRoutes: Sendable {
    let core: EmulatorCore
    var gate: OperationGate { OperationGate(core: core) }

    func add(to router: Router<EmulatorRequestContext>) {
        router.post("/client/register") { request, context in
            try await gate.run(.registerClient, context: context) { try await registerClient(request) }
        }
        router.post("/device_authorization") { request, context in
            try await gate.run(.startDeviceAuthorization, context: context) {
                try await startDeviceAuthorization(request, context: context)
            }
        }
        router.post("/token") { request, context in
            try await gate.run(.createToken, context: context) { try await createToken(request) }
        }
    }

    private struct RegisterClientOutput: Encodable {
        var clientId: String
        var clientSecret: String
        var clientIdIssuedAt: Int64
        var clientSecretExpiresAt: Int64
    }

    func registerClient(_ request: Request) async throws -> Response {
        let input = try await JSONInput.read(request)
        let name = try input.requiredString("clientName")
        let clientType = try input.requiredString("clientType")
        let scopes = try input.stringList("scopes")
        let grantTypes = try input.stringList("grantTypes")
        let redirectURIs = try input.stringList("redirectUris")
        let issuerURL = try input.string("issuerUrl")
        _ = try input.string("entitledApplicationArn")
        guard clientType == "public" else {
            throw ServiceFailure(
                .invalidClientMetadata, "Invalid client type: \(clientType). Only public clients are supported")
        }
        guard !name.isEmpty, name.count <= 255 else {
            throw ServiceFailure(.invalidClientMetadata, "Invalid client name")
        }
        for scope in scopes ?? [] where !ClientRules.isValidScope(scope) {
            throw ServiceFailure(.invalidScope, "Invalid scope requested: \(scope)")
        }
        for grant in grantTypes ?? [] where GrantType(rawValue: grant) == nil {
            throw ServiceFailure(.unsupportedGrantType, "Unsupported grant type: \(grant)")
        }
        for uri in redirectURIs ?? [] where !ClientRules.isValidRegisteredRedirect(uri) {
            throw ServiceFailure(.invalidRedirectURI, "Invalid redirect URI: \(uri)")
        }
        if grantTypes?.contains(GrantType.authorizationCode.rawValue) == true, (redirectURIs ?? []).isEmpty {
            throw ServiceFailure(.invalidRedirectURI, "A redirect URI is required for the authorization_code grant")
        }
        if let issuerURL, URL(string: issuerURL)?.scheme != "https" {
            throw ServiceFailure(.invalidRequest, "Invalid issuer URL: \(issuerURL)")
        }
        let ttl = await core.knobs.configuration.registrationTTL
        let client = await core.identity.register(
            name: name, scopes: scopes, grantTypes: grantTypes, redirectURIs: redirectURIs, issuerURL: issuerURL,
            now: core.now(), ttl: ttl
        )
        return JSONReply.make(
            json: RegisterClientOutput(
                clientId: client.clientID, clientSecret: client.clientSecret,
                clientIdIssuedAt: Int64(client.issuedAt.timeIntervalSince1970),
                clientSecretExpiresAt: Int64(client.expiresAt.timeIntervalSince1970)
            )
        )
    }

    private struct StartDeviceAuthorizationOutput: Encodable {
        var deviceCode: String
        var userCode: String
        var verificationUri: String
        var verificationUriComplete: String
        var expiresIn: Int
        var interval: Int
    }

    func startDeviceAuthorization(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let input = try await JSONInput.read(request)
        let clientID = try input.requiredString("clientId")
        let clientSecret = try input.requiredString("clientSecret")
        let startURL = try input.requiredString("startUrl")
        let now = core.now()
        let client = try await core.identity.authenticate(clientID: clientID, clientSecret: clientSecret, now: now)
        guard client.allows(grant: .deviceCode) else {
            throw ServiceFailure(.unauthorizedClient, "Client is not authorized to use the device code grant")
        }
        guard let portal = await core.portal(startURL: startURL) else {
            throw ServiceFailure(.invalidRequest, "Invalid start URL: \(startURL)")
        }
        let knobs = await core.knobs.configuration
        let grant = await core.identity.startDeviceAuthorization(
            client: client, portalName: portal.name, now: now, ttl: knobs.deviceCodeTTL,
            interval: knobs.pollInterval
        )
        let page = context.baseURL(scheme: core.scheme) + "/device"
        return JSONReply.make(
            json: StartDeviceAuthorizationOutput(
                deviceCode: grant.deviceCode, userCode: grant.userCode, verificationUri: page,
                verificationUriComplete: page + "?user_code=" + grant.userCode,
                expiresIn: max(0, Int(knobs.deviceCodeTTL.seconds.rounded(.down))), interval: grant.interval
            )
        )
    }

    private struct CreateTokenOutput: Encodable {
        var accessToken: String
        var tokenType = "Bearer"
        var expiresIn: Int
        var refreshToken: String?
    }

    func createToken(_ request: Request) async throws -> Response {
        let input = try await JSONInput.read(request)
        let clientID = try input.requiredString("clientId")
        let clientSecret = try input.requiredString("clientSecret")
        let grantName = try input.requiredString("grantType")
        let deviceCode = try input.string("deviceCode")
        let code = try input.string("code")
        let refreshToken = try input.string("refreshToken")
        let redirectURI = try input.string("redirectUri")
        let verifier = try input.string("codeVerifier")
        if let verifier { await core.identity.noteSecret(verifier) }
        _ = try input.stringList("scope")
        let now = core.now()
        let client = try await core.identity.authenticate(clientID: clientID, clientSecret: clientSecret, now: now)
        guard let grant = GrantType(rawValue: grantName) else {
            throw ServiceFailure(.unsupportedGrantType, "Unsupported grant type: \(grantName)")
        }
        guard client.allows(grant: grant) else {
            throw ServiceFailure(.unauthorizedClient, "Client is not authorized to use the \(grantName) grant")
        }
        let policy = TokenPolicy(await core.knobs.configuration)
        let token: IssuedToken
        switch grant {
        case .deviceCode:
            guard let deviceCode else { throw ServiceFailure.missing("deviceCode") }
            token = try await core.identity.pollDeviceCode(
                client: client, deviceCode: deviceCode, now: now, policy: policy)
        case .authorizationCode:
            guard let code else { throw ServiceFailure.missing("code") }
            guard let redirectURI else { throw ServiceFailure.missing("redirectUri") }
            guard let verifier else { throw ServiceFailure.missing("codeVerifier") }
            token = try await core.identity.exchange(
                client: client, code: code, redirectURI: redirectURI, verifier: verifier, now: now, policy: policy
            )
        case .refreshToken:
            guard let refreshToken else { throw ServiceFailure.missing("refreshToken") }
            token = try await core.identity.refresh(
                client: client, refreshToken: refreshToken, now: now, policy: policy)
        }
        await core.counters.recordGrant(grant, portalName: token.portalName)
        return JSONReply.make(
            json: CreateTokenOutput(
                accessToken: token.accessToken, expiresIn: token.expiresIn, refreshToken: token.refreshToken)
        )
    }
}

/// What the service accepts in registrations and redirects.
enum ClientRules {
    static func isValidScope(_ scope: String) -> Bool {
        let parts = scope.split(separator: ":", omittingEmptySubsequences: false)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.*")
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed.contains) }
    }

    /// Registered redirect URIs: https, or http on a loopback address (any port or none, RFC 8252).
    static func isValidRegisteredRedirect(_ uri: String) -> Bool {
        guard let url = URL(string: uri), let scheme = url.scheme, let host = url.host else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && ["127.0.0.1", "localhost", "[::1]", "::1"].contains(host)
    }

    /// The redirect of an `/authorize` request: `http://127.0.0.1:<port>/oauth/callback`, equal to a
    /// registered URI apart from the port.
    static func redirectMatches(_ uri: String, registered: [String]) -> Bool {
        guard let url = URLComponents(string: uri), url.scheme == "http", url.host == "127.0.0.1",
            url.port != nil, url.path == "/oauth/callback", url.query == nil, url.fragment == nil
        else { return false }
        return registered.contains { candidate in
            guard var registered = URLComponents(string: candidate) else { return false }
            registered.port = url.port
            return registered.string == uri
        }
    }
}
