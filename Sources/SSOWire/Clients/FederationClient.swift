public import Foundation

/// The AWS federation endpoint: turns temporary credentials into a console sign-in URL.
///
/// `getSigninToken` is sent as a form-encoded POST, so the credentials travel in the body, never in a
/// URL that a proxy or a log could keep. The sign-in token and the login URL built from it are bearer
/// secrets valid for minutes: nothing here puts them in an error or a description.
public struct FederationClient: Sendable {
    /// The federation URL (`…/federation`), e.g. ``ConsolePartition/federationEndpoint``.
    public let endpoint: URL
    private let rest: RestJSONEndpoint

    /// The `SessionDuration` range AWS accepts, in seconds (15 minutes to 12 hours).
    public static let sessionDurations = 900...43_200

    /// - Parameters:
    ///   - endpoint: the federation URL itself (`https://signin.aws.amazon.com/federation`).
    ///   - transport: the HTTP seam.
    ///   - timeout: the deadline of each request; nil uses the transport's.
    public init(endpoint: URL, transport: any HTTPTransport, timeout: Duration? = nil, userAgent: String = "multisso") {
        self.endpoint = endpoint
        self.rest = RestJSONEndpoint(endpoint: endpoint, transport: transport, timeout: timeout, userAgent: userAgent)
    }

    /// The federation URL under a base URL that overrides the partition's (`AWS_ENDPOINT_URL_SIGNIN`):
    /// `/federation` is appended to its path.
    public static func endpoint(underBase base: URL) -> URL {
        RestJSONEndpoint.url(base, path: "/federation", query: nil)
    }

    /// `Action=getSigninToken`: a sign-in token for the credentials.
    /// - Parameter sessionDuration: seconds of console session (900–43200); nil lets AWS decide. AWS
    ///   refuses it for credentials obtained by role chaining: the caller leaves it out for those.
    /// - Throws: ``WireError/service(_:)`` when the endpoint refuses the credentials, or the transport's error.
    public func getSigninToken(
        accessKeyID: String, secretAccessKey: String, sessionToken: String, sessionDuration: Int?
    ) async throws(WireError) -> String {
        let operation = "GetSigninToken"
        let session = JSONBody.object([
            .init("sessionId", .string(accessKeyID)), .init("sessionKey", .string(secretAccessKey)),
            .init("sessionToken", .string(sessionToken)),
        ]).rendered
        let form = PercentEncoding.query([
            ("Action", "getSigninToken"), ("SessionDuration", sessionDuration.map(String.init)), ("Session", session),
        ])
        let data = try await rest.call(operation: operation, method: "POST", path: "", form: form)
        let reply = try rest.decode(SigninTokenResponse.self, from: data, operation: operation)
        guard !reply.SigninToken.isEmpty else {
            throw .invalidResponse(operation: operation, reason: "the SigninToken is empty")
        }
        return reply.SigninToken
    }

    /// `…/federation?Action=login&Issuer=…&Destination=…&SigninToken=…`: opening it signs the browser in.
    public func loginURL(signinToken: String, destination: URL, issuer: String?) -> URL {
        rest.url(
            path: "",
            query: PercentEncoding.query([
                ("Action", "login"), ("Issuer", issuer), ("Destination", destination.absoluteString),
                ("SigninToken", signinToken),
            ]))
    }
}

private struct SigninTokenResponse: Decodable {
    var SigninToken: String
}
