public import Foundation

/// The SSO OIDC API (`sso-oidc`): RegisterClient, StartDeviceAuthorization and CreateToken,
/// spoken in rest-json exactly as botocore speaks it. Requests are unsigned; the client
/// authenticates with `clientId`/`clientSecret` in the body. One call is one HTTP request: retries
/// are the caller's choice (``RetryPolicy``).
public struct OIDCClient: Sendable {
    public let endpoint: URL
    private let rest: RestJSONEndpoint

    /// - Parameters:
    ///   - endpoint: e.g. ``SSOEndpoints/oidc(region:)`` or an override; its path is kept as a prefix.
    ///   - transport: the HTTP seam.
    ///   - timeout: the deadline of each request; nil uses the transport's.
    public init(endpoint: URL, transport: any HTTPTransport, timeout: Duration? = nil, userAgent: String = "multisso") {
        self.endpoint = endpoint
        self.rest = RestJSONEndpoint(endpoint: endpoint, transport: transport, timeout: timeout, userAgent: userAgent)
    }

    /// `POST /client/register`. The result carries the scopes and grant types that were sent.
    public func registerClient(
        name: String, scopes: [String]?, grantTypes: [String]?, redirectURIs: [String]?, issuerURL: String?
    ) async throws(WireError) -> ClientRegistration {
        let operation = "RegisterClient"
        let body = Self.registerClientBody(
            name: name, scopes: scopes, grantTypes: grantTypes, redirectURIs: redirectURIs, issuerURL: issuerURL)
        let data = try await rest.call(operation: operation, method: "POST", path: "/client/register", json: body)
        let wire = try rest.decode(RegisterClientResponse.self, from: data, operation: operation)
        return ClientRegistration(
            clientID: wire.clientId,
            clientSecret: wire.clientSecret,
            clientIDIssuedAt: Date(timeIntervalSince1970: wire.clientIdIssuedAt ?? Date().timeIntervalSince1970),
            clientSecretExpiresAt: Date(timeIntervalSince1970: wire.clientSecretExpiresAt),
            scopes: scopes,
            grantTypes: grantTypes
        )
    }

    /// `POST /device_authorization`: starts the device code flow for `startURL`.
    public func startDeviceAuthorization(
        clientID: String, clientSecret: String, startURL: String
    ) async throws(WireError) -> DeviceAuthorization {
        let operation = "StartDeviceAuthorization"
        let body = JSONBody.object([
            .init("clientId", .string(clientID)),
            .init("clientSecret", .string(clientSecret)),
            .init("startUrl", .string(startURL)),
        ])
        let data = try await rest.call(operation: operation, method: "POST", path: "/device_authorization", json: body)
        let wire = try rest.decode(StartDeviceAuthorizationResponse.self, from: data, operation: operation)
        return DeviceAuthorization(
            deviceCode: wire.deviceCode,
            userCode: wire.userCode,
            verificationURI: wire.verificationUri,
            verificationURIComplete: wire.verificationUriComplete,
            expiresIn: wire.expiresIn,
            interval: wire.interval
        )
    }

    /// `POST /token`: redeems a device code, an authorization code or a refresh token.
    public func createToken(
        clientID: String, clientSecret: String, grant: GrantRequest
    ) async throws(WireError) -> TokenGrant {
        let operation = "CreateToken"
        let body = Self.createTokenBody(clientID: clientID, clientSecret: clientSecret, grant: grant)
        let data = try await rest.call(operation: operation, method: "POST", path: "/token", json: body)
        let wire = try rest.decode(CreateTokenResponse.self, from: data, operation: operation)
        return TokenGrant(
            accessToken: wire.accessToken,
            tokenType: wire.tokenType,
            expiresIn: wire.expiresIn,
            refreshToken: wire.refreshToken,
            idToken: wire.idToken
        )
    }

    /// The error code of a call made with a client registration the service does not know (any more).
    public static let unknownClientCode = "InvalidClientException"

    /// Whether the service still knows a client registration, at the cost of one CreateToken with a
    /// refresh token no service issued: a known client gets an invalid-grant error, an unknown (or
    /// expired) one ``unknownClientCode``. Nothing is created or changed on the service's side.
    /// - Throws: the transport's error when the service cannot be reached.
    public func clientIsKnown(clientID: String, clientSecret: String) async throws(WireError) -> Bool {
        do {
            _ = try await createToken(
                clientID: clientID, clientSecret: clientSecret, grant: .refreshToken("multisso-client-check"))
            return true
        } catch {
            guard case .service = error else { throw error }
            return error.code != Self.unknownClientCode
        }
    }

    /// `GET /`, to learn whether the endpoint can be reached at all: any HTTP answer, error statuses
    /// included, means it can. The browser login uses it because, with a cached registration, the
    /// first call it would otherwise make (CreateToken) comes only after the user's redirect.
    /// - Throws: the transport's error (``WireError/connectionFailed(operation:reason:)``,
    ///   ``WireError/timedOut(operation:after:)``, ``WireError/cancelled(operation:)``).
    public func checkReachable() async throws(WireError) {
        do {
            _ = try await rest.call(operation: "ReachabilityCheck", method: "GET", path: "/")
        } catch {
            if case .service = error { return }
            throw error
        }
    }

    /// The RegisterClient body, members in botocore's order; nil members are left out.
    static func registerClientBody(
        name: String, scopes: [String]?, grantTypes: [String]?, redirectURIs: [String]?, issuerURL: String?
    ) -> JSONBody {
        JSONBody.object(dropping: [
            ("clientName", .string(name)),
            ("clientType", .string("public")),
            ("scopes", .strings(scopes)),
            ("grantTypes", .strings(grantTypes)),
            ("redirectUris", .strings(redirectURIs)),
            ("issuerUrl", issuerURL.map(JSONBody.string)),
        ])
    }

    /// The CreateToken body for a grant: `grantType`, `clientId`, `clientSecret`, then the grant's fields.
    static func createTokenBody(clientID: String, clientSecret: String, grant: GrantRequest) -> JSONBody {
        var members: [JSONBody.Member] = [
            .init("grantType", .string(grant.grantType)),
            .init("clientId", .string(clientID)),
            .init("clientSecret", .string(clientSecret)),
        ]
        switch grant {
        case .deviceCode(let deviceCode):
            members.append(.init("deviceCode", .string(deviceCode)))
        case .authorizationCode(let code, let redirectURI, let codeVerifier):
            members.append(.init("code", .string(code)))
            members.append(.init("redirectUri", .string(redirectURI)))
            members.append(.init("codeVerifier", .string(codeVerifier)))
        case .refreshToken(let refreshToken):
            members.append(.init("refreshToken", .string(refreshToken)))
        }
        return .object(members)
    }
}

private struct RegisterClientResponse: Decodable {
    var clientId: String
    var clientSecret: String
    var clientIdIssuedAt: Double?
    var clientSecretExpiresAt: Double
}

private struct StartDeviceAuthorizationResponse: Decodable {
    var deviceCode: String
    var userCode: String
    var verificationUri: String
    var verificationUriComplete: String?
    var expiresIn: Int
    var interval: Int?
}

private struct CreateTokenResponse: Decodable {
    var accessToken: String
    var tokenType: String?
    var expiresIn: Int
    var refreshToken: String?
    var idToken: String?
}
