import Foundation
import Hummingbird

/// `GET /authorize` of the authorization code flow with PKCE, and the consent page a person answers
/// when approval is manual.
struct AuthorizeRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        router.get("/authorize") { request, context in
            try await OperationGate(core: core).run(.authorize, context: context) { try await authorize(request) }
        }
        router.post("/authorize/consent") { request, _ in
            await consent(request)
        }
    }

    func authorize(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let value = { (name: String) -> String? in query[name[...]].map(String.init) }
        let now = core.now()
        guard let clientID = value("client_id"), let client = await core.identity.client(clientID),
            client.expiresAt > now
        else {
            return JSONReply.html(
                status: 400,
                Pages.message(title: "Invalid request", "The client is unknown or its registration has expired."))
        }
        guard let redirectURI = value("redirect_uri"),
            ClientRules.redirectMatches(redirectURI, registered: client.redirectURIs ?? [])
        else {
            return JSONReply.html(
                status: 400,
                Pages.message(title: "Invalid request", "The redirect URI is not registered for this client."))
        }
        let state = value("state")
        let fail = { (error: String, description: String) -> Response in
            Redirect.to(redirectURI, ["error": error, "error_description": description, "state": state])
        }
        guard value("response_type") == "code" else {
            return fail("unsupported_response_type", "response_type must be code")
        }
        guard client.allows(grant: .authorizationCode) else {
            return fail("unauthorized_client", "The client is not registered for the authorization_code grant")
        }
        guard value("code_challenge_method") == "S256" else {
            return fail("invalid_request", "code_challenge_method must be S256")
        }
        guard let challenge = value("code_challenge"), Self.isValidChallenge(challenge) else {
            return fail("invalid_request", "code_challenge is missing or malformed")
        }
        let scopes = (value("scopes") ?? "").split(separator: " ").map(String.init)
        if let unknown = scopes.first(where: { !(client.scopes ?? []).contains($0) }) {
            return fail("invalid_scope", "Scope \(unknown) was not registered by the client")
        }
        guard let portal = await core.portal(for: client) else {
            return fail("invalid_request", "The client's issuer URL is not a start URL of this emulator")
        }
        let pending = PendingAuthorization(
            id: UUID().uuidString, clientID: client.clientID, clientName: client.name, portalName: portal.name,
            redirectURI: redirectURI, state: state, challenge: challenge, scopes: scopes, createdAt: now
        )
        let knobs = await core.knobs.configuration
        guard knobs.autoApprove else {
            await core.identity.holdForConsent(pending)
            return JSONReply.html(Pages.consent(pending, startURL: portal.startURL))
        }
        if knobs.approveAfter > .zero { try await Task.sleep(for: knobs.approveAfter) }
        return await finish(pending, decision: knobs.autoDecision)
    }

    func consent(_ request: Request) async -> Response {
        let form = await FormInput.read(request)
        guard let id = form["request"], let pending = await core.identity.takePendingAuthorization(id: id) else {
            return JSONReply.html(
                status: 400,
                Pages.message(
                    title: "Request expired", "This authorization request is unknown or was already answered."))
        }
        return await finish(pending, decision: form["decision"] == "allow" ? .allow : .deny)
    }

    private func finish(_ pending: PendingAuthorization, decision: EmulatorConfiguration.Decision) async -> Response {
        switch decision {
        case .deny:
            return Redirect.to(
                pending.redirectURI,
                [
                    "error": "access_denied", "error_description": "The user denied the authorization request",
                    "state": pending.state,
                ]
            )
        case .allow:
            let ttl = await core.knobs.configuration.authorizationCodeTTL
            let code = await core.identity.issueAuthorizationCode(
                clientID: pending.clientID, portalName: pending.portalName, redirectURI: pending.redirectURI,
                challenge: pending.challenge, scopes: pending.scopes, now: core.now(), ttl: ttl
            )
            return Redirect.to(pending.redirectURI, ["code": code, "state": pending.state])
        }
    }

    /// An S256 challenge: 43 characters of base64url without padding.
    static func isValidChallenge(_ challenge: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        return challenge.count == 43 && challenge.allSatisfy(allowed.contains)
    }
}

/// 302 redirects to a client's loopback callback.
enum Redirect {
    static func to(_ base: String, _ parameters: KeyValuePairs<String, String?>) -> Response {
        let query = parameters.compactMap { key, value in value.map { "\(key)=\(percentEncode($0))" } }
        let location = base + (base.contains("?") ? "&" : "?") + query.joined(separator: "&")
        var headers = HTTPFields()
        headers[.location] = location
        headers[.contentLength] = "0"
        return Response(status: .found, headers: headers)
    }

    static func percentEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(.init(charactersIn: "\u{0}"..."\u{7F}"))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
