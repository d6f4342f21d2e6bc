import Foundation
import Hummingbird

/// The AWS federation endpoint (`https://signin.aws.amazon.com/federation` and its partitions' hosts),
/// at `/federation` of the emulator: `Action=getSigninToken` turns temporary credentials the emulator
/// issued into a sign-in token, `Action=login` spends that token once and redirects (302) to the
/// console `Destination`. Parameters come from the query (GET) or a form body (POST), as AWS accepts both.
struct FederationRoutes: Sendable {
    let core: EmulatorCore

    /// The `SessionDuration` range AWS accepts, in seconds (15 minutes to 12 hours).
    static let sessionDurations = 900...43_200

    func add(to router: Router<EmulatorRequestContext>) {
        let gate = OperationGate(core: core)
        router.get("/federation") { request, context in try await dispatch(request, context: context, gate: gate) }
        router.post("/federation") { request, context in try await dispatch(request, context: context, gate: gate) }
    }

    private func dispatch(_ request: Request, context: EmulatorRequestContext, gate: OperationGate) async throws
        -> Response
    {
        var parameters = FormInput.parse(request.uri.query ?? "")
        if request.method == .post {
            parameters.merge(await FormInput.read(request)) { _, body in body }
        }
        switch parameters["Action"] {
        case "getSigninToken":
            return try await gate.run(.getSigninToken, context: context) { try await getSigninToken(parameters) }
        case "login":
            return try await gate.run(.consoleLogin, context: context) { try await login(parameters) }
        default:
            return ServiceFailure(.invalidRequest, "Action must be getSigninToken or login").response(for: .federation)
        }
    }

    /// `Session` is the JSON `{"sessionId", "sessionKey", "sessionToken"}`; `SessionDuration` is optional.
    func getSigninToken(_ parameters: [String: String]) async throws -> Response {
        guard let text = parameters["Session"], !text.isEmpty else { throw ServiceFailure.missing("Session") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let accessKeyID = object["sessionId"] as? String, let secret = object["sessionKey"] as? String,
            let token = object["sessionToken"] as? String
        else {
            throw ServiceFailure(
                .invalidRequest, "Session must be a JSON object with sessionId, sessionKey and sessionToken")
        }
        let now = Date()
        let credential = try await core.federation.validCredential(
            accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, now: now)
        var duration: Int?
        if let raw = parameters["SessionDuration"] {
            guard let seconds = Int(raw), Self.sessionDurations.contains(seconds) else {
                throw ServiceFailure(
                    .invalidRequest, "SessionDuration must be a whole number of seconds from 900 to 43200")
            }
            guard credential.origin != .roleChaining else {
                throw ServiceFailure(
                    .invalidRequest, "SessionDuration cannot be used with credentials obtained by role chaining")
            }
            duration = seconds
        }
        let ttl = await core.knobs.configuration.signinTokenTTL
        let signinToken = await core.federation.issueToken(
            for: credential, sessionDuration: duration, now: now, ttl: ttl)
        await core.identity.noteSecret(signinToken)
        return JSONReply.make(json: ["SigninToken": signinToken])
    }

    /// Spends the sign-in token and sends the browser to `Destination`.
    func login(_ parameters: [String: String]) async throws -> Response {
        guard let token = parameters["SigninToken"], !token.isEmpty else { throw ServiceFailure.missing("SigninToken") }
        guard let destination = parameters["Destination"], Self.isWebURL(destination) else {
            throw ServiceFailure(.invalidRequest, "Destination must be an http or https URL")
        }
        let issuer = parameters["Issuer"].flatMap { $0.isEmpty ? nil : $0 }
        guard await core.federation.redeem(token: token, destination: destination, issuer: issuer, now: Date()) != nil
        else {
            throw ServiceFailure(.invalidRequest, "The sign-in token is invalid, expired or was already used")
        }
        return Self.redirect(to: destination)
    }

    static func isWebURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else {
            return false
        }
        return (scheme == "https" || scheme == "http") && !host.isEmpty
    }

    static func redirect(to destination: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = destination
        headers[.contentLength] = "0"
        return Response(status: .found, headers: headers)
    }
}
