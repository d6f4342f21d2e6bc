import AWSFormats
import Foundation
import SSOConfig
import SessionActors

/// Decides the answer to every request: the `Host` check, the token, then the container-credentials
/// paths (`/profiles`, `/profiles/NAME`) or, when configured, the IMDSv2 paths. Credentials come from
/// the directory's per-profile entry point, so its actors' single flight and freshness apply.
struct CredentialRouter: Sendable {
    let configuration: CredentialServerConfiguration
    let directory: SessionDirectory
    let refusals: RefusalBudget
    let imdsSessions = IMDSSessions()

    init(configuration: CredentialServerConfiguration, directory: SessionDirectory) {
        self.configuration = configuration
        self.directory = directory
        refusals = RefusalBudget(perSecond: configuration.refusedPerSecond)
    }

    func respond(to request: ServerRequest) async -> ServerResponse {
        let response = await route(request)
        configuration.log("\(request.method) \(request.path) \(response.status)")
        return response
    }

    private func route(_ request: ServerRequest) async -> ServerResponse {
        guard request.count(of: "Host") == 1,
            LoopbackHost.acceptsHeader(request.header("Host"), boundHost: configuration.host)
        else {
            return await refuse(
                400, code: "HostNotAllowed", message: "the Host header must name this machine's loopback address")
        }
        if request.path == "/latest" || request.path.hasPrefix("/latest/") {
            return await imds(request)
        }
        guard request.count(of: "Authorization") <= 1, let presented = request.header("Authorization") else {
            return await refuse(
                401, code: "MissingToken",
                message: "send the server's token in the Authorization header (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE)")
        }
        guard configuration.token.matches(presented) else {
            return await refuse(
                403, code: "InvalidToken", message: "the token in the Authorization header is not this server's")
        }
        guard request.method == "GET" else {
            return .error(405, code: "MethodNotAllowed", message: "only GET is served")
        }
        if request.path == "/profiles" || request.path == "/profiles/" {
            return ServerResponse(
                status: 200, body: "{\"Profiles\":" + JSONText.array(configuration.profiles.keys.sorted()) + "}")
        }
        guard request.path.hasPrefix("/profiles/") else {
            return .error(404, code: "NotFound", message: "credentials are served at /profiles/NAME")
        }
        let encoded = request.path.dropFirst("/profiles/".count)
        guard let name = String(encoded).removingPercentEncoding, let profile = configuration.profiles[name] else {
            return .error(
                404, code: "ProfileNotServed",
                message: "this server does not serve that profile; GET /profiles lists the ones it does")
        }
        return await credentials(for: profile, render: ContainerCredentials.document)
    }

    /// The profile's credentials rendered by `render`, or the error the SDK shows.
    func credentials(for profile: ProfileCredentials, render: (RoleCredentials) -> String) async -> ServerResponse {
        do {
            var credentials = try await directory.credentials(for: profile)
            if credentials.expiration <= directory.options.clock.now() {
                credentials = try await directory.credentials(for: profile, forceRefresh: true)
            }
            guard credentials.expiration > directory.options.clock.now() else {
                return .error(
                    503, code: "CredentialsExpired",
                    message:
                        "profile \(profile.name): the portal handed out credentials that have already expired; check the machine's clock"
                )
            }
            return ServerResponse(status: 200, body: render(credentials))
        } catch {
            configuration.log("profile \(profile.name): \(error)")
            if let held = await directory.cachedCredentials(for: profile),
                held.expiration.timeIntervalSince(directory.options.clock.now()) > Self.sdkMandatoryRefresh
            {
                configuration.log(
                    "profile \(profile.name): the renewal failed; serving the current credentials until "
                        + "\(Int(Self.sdkMandatoryRefresh / 60)) minutes before they expire")
                return ServerResponse(status: 200, body: render(held))
            }
            return ServerFailure.response(for: error)
        }
    }

    /// botocore's mandatory refresh window for container credentials: credentials with less time left
    /// are thrown away by the SDK at once, so a failed renewal serves the current ones only while more
    /// is left, and the renewal's error after that.
    static let sdkMandatoryRefresh: TimeInterval = 10 * 60

    /// A refusal for a missing or wrong token or Host: 429 once the refusal budget is spent.
    func refuse(_ status: Int, code: String, message: String) async -> ServerResponse {
        guard await refusals.take() else {
            return .error(
                429, code: "TooManyRefusedRequests", message: "too many refused requests; slow down", close: true)
        }
        return .error(status, code: code, message: message, close: true)
    }
}
