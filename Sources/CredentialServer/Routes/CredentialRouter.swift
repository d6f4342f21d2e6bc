import AWSFormats
import Foundation
import SSOConfig
import SessionActors

/// Decides the answer to every request: the `Host` check, the token, then the container-credentials
/// paths (`/profiles`, `/profiles/NAME`) or, when configured, the IMDSv2 paths. Credentials come from
/// the directory's per-profile entry point, so its actors' single flight and freshness apply.
///
/// ``route(_:)`` decides where a request goes without waiting on anything, so the connection handler
/// can answer a credentials request from its event loop's cache (``LoopAnswerCache``) and bring only
/// the others here.
struct CredentialRouter: Sendable {
    let configuration: CredentialServerConfiguration
    let directory: SessionDirectory
    let refusals: RefusalBudget
    let renewals: RenewalBackoffs
    let imdsSessions = IMDSSessions()
    let maxTargetBytes = 2048
    /// The served profiles by name, looked up with the request path's own slice (no copy).
    let served: [Substring: ServedProfile]

    init(configuration: CredentialServerConfiguration, directory: SessionDirectory) {
        self.configuration = configuration
        self.directory = directory
        served = Dictionary(
            uniqueKeysWithValues: configuration.profiles.map { name, credentials in
                (Substring(name), ServedProfile(name: name, credentials: credentials))
            })
        refusals = RefusalBudget(perSecond: configuration.refusedPerSecond)
        renewals = RenewalBackoffs(policy: configuration.renewalBackoff)
    }

    /// Where a request goes, decided from the request alone.
    enum Route: Sendable {
        /// A missing or wrong token or `Host`: refused, within the refusal budget.
        case refuse(status: Int, code: String, message: String)
        /// An answer that needs nothing more.
        case answer(ServerResponse)
        /// The IMDSv2 paths.
        case imds
        /// `GET /profiles`.
        case listing
        /// `GET /profiles/NAME` of a served profile, with the right token.
        case credentials(ServedProfile)
    }

    func route(_ request: ServerRequest) -> Route {
        guard request.targetBytes <= maxTargetBytes else {
            return .answer(
                .error(
                    414, code: "URITooLong", message: "request paths are limited to \(maxTargetBytes) bytes",
                    close: true))
        }
        guard request.count(of: "Host") == 1,
            LoopbackHost.acceptsHeader(request.header("Host"), boundHost: configuration.host)
        else {
            return .refuse(
                status: 400, code: "HostNotAllowed",
                message: "the Host header must name this machine's loopback address")
        }
        if request.path.isASCII("/latest") || request.path.hasASCIIPrefix("/latest/") {
            return .imds
        }
        guard request.count(of: "Authorization") <= 1, let presented = request.header("Authorization") else {
            return .refuse(
                status: 401, code: "MissingToken",
                message: "send the server's token in the Authorization header (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)")
        }
        guard configuration.token.matches(presented) else {
            return .refuse(
                status: 403, code: "InvalidToken", message: "the token in the Authorization header is not this server's"
            )
        }
        guard request.method.isASCII("GET") else {
            return .answer(.error(405, code: "MethodNotAllowed", message: "only GET is served"))
        }
        if request.path.isASCII("/profiles") || request.path.isASCII("/profiles/") {
            return .listing
        }
        guard request.path.hasASCIIPrefix("/profiles/") else {
            return .answer(.error(404, code: "NotFound", message: "credentials are served at /profiles/NAME"))
        }
        guard let profile = servedProfile(encoded: request.path.droppingASCIIPrefix("/profiles/".utf8.count)) else {
            return .answer(
                .error(
                    404, code: "ProfileNotServed",
                    message: "this server does not serve that profile; GET /profiles lists the ones it does"))
        }
        return .credentials(profile)
    }

    /// The served profile a percent-encoded path segment names (decoded only when it holds a `%`).
    private func servedProfile(encoded: Substring) -> ServedProfile? {
        guard encoded.utf8.contains(UInt8(ascii: "%")) else { return served[encoded] }
        return String(encoded).removingPercentEncoding.flatMap { served[Substring($0)] }
    }

    func respond(to request: ServerRequest, route: Route) async -> ServerResponse {
        let response: ServerResponse
        switch route {
        case .refuse(let status, let code, let message):
            response = await refuse(status, code: code, message: message)
        case .answer(let answer):
            response = answer
        case .imds:
            response = await imds(request)
        case .listing:
            response = ServerResponse(
                status: 200, body: "{\"Profiles\":" + JSONText.array(configuration.profiles.keys.sorted()) + "}")
        case .credentials(let profile):
            response = await credentials(for: profile.credentials, render: ContainerCredentials.document)
        }
        logRequest(request, status: response.status)
        return response
    }

    /// One line per request for `-v`: method, path, status (never a header).
    func logRequest(_ request: ServerRequest, status: Int) {
        configuration.log?("\(request.method) \(request.path) \(status)")
    }

    /// A refusal for a missing or wrong token or Host: 429 once the refusal budget is spent.
    func refuse(_ status: Int, code: String, message: String) async -> ServerResponse {
        guard await refusals.take() else {
            return .error(
                429, code: "TooManyRefusedRequests", message: "too many refused requests; slow down", close: true)
        }
        return .error(status, code: code, message: message, close: true)
    }
}
