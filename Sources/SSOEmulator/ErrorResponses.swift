import Foundation
import Hummingbird

/// Which service an operation belongs to: decides the shape of its error bodies.
enum ServiceAPI: Sendable {
    case oidc
    case portal
    case browser
    /// STS: awsQuery XML errors.
    case sts
    case federation

    var coralNamespace: String {
        switch self {
        case .oidc, .browser: "com.amazonaws.sso.oidc"
        case .portal: "com.amazonaws.switchboard.portal"
        case .sts: "com.amazonaws.sts"
        case .federation: "com.amazonaws.signin.federation"
        }
    }
}

/// The modelled error shapes of both services, with the status code the service answers.
enum ErrorShape: String, Sendable {
    case authorizationPending = "AuthorizationPendingException"
    case slowDown = "SlowDownException"
    case expiredToken = "ExpiredTokenException"
    case accessDenied = "AccessDeniedException"
    case invalidGrant = "InvalidGrantException"
    case invalidClient = "InvalidClientException"
    case unauthorizedClient = "UnauthorizedClientException"
    case unsupportedGrantType = "UnsupportedGrantTypeException"
    case invalidScope = "InvalidScopeException"
    case invalidRequest = "InvalidRequestException"
    case invalidClientMetadata = "InvalidClientMetadataException"
    case invalidRedirectURI = "InvalidRedirectUriException"
    case internalServer = "InternalServerException"
    case unauthorized = "UnauthorizedException"
    case tooManyRequests = "TooManyRequestsException"
    case resourceNotFound = "ResourceNotFoundException"
    case forbidden = "ForbiddenException"
    case stsAccessDenied = "AccessDenied"
    case expiredSecurityToken = "ExpiredToken"
    case invalidClientTokenID = "InvalidClientTokenId"
    case signatureDoesNotMatch = "SignatureDoesNotMatch"
    case missingAuthentication = "MissingAuthenticationToken"
    case validationError = "ValidationError"
    case invalidAction = "InvalidAction"
    case regionDisabled = "RegionDisabledException"

    var status: Int {
        switch self {
        case .invalidClient, .unauthorized: 401
        case .internalServer: 500
        case .tooManyRequests: 429
        case .resourceNotFound: 404
        case .forbidden, .stsAccessDenied, .invalidClientTokenID, .signatureDoesNotMatch, .missingAuthentication,
            .regionDisabled:
            403
        default: 400
        }
    }

    /// The RFC 6749 / 8628 style `error` member of OIDC error bodies.
    var oauthError: String {
        switch self {
        case .authorizationPending: "authorization_pending"
        case .slowDown: "slow_down"
        case .expiredToken: "expired_token"
        case .accessDenied: "access_denied"
        case .invalidGrant: "invalid_grant"
        case .invalidClient: "invalid_client"
        case .unauthorizedClient: "unauthorized_client"
        case .unsupportedGrantType: "unsupported_grant_type"
        case .invalidScope: "invalid_scope"
        case .invalidRequest: "invalid_request"
        case .invalidClientMetadata: "invalid_client_metadata"
        case .invalidRedirectURI: "invalid_redirect_uri"
        case .internalServer: "server_error"
        case .tooManyRequests: "too_many_requests"
        case .unauthorized, .resourceNotFound, .forbidden, .stsAccessDenied, .expiredSecurityToken,
            .invalidClientTokenID,
            .signatureDoesNotMatch, .missingAuthentication, .validationError, .invalidAction, .regionDisabled:
            "access_denied"
        }
    }
}

/// An error answer of an operation, as the service sends it: status, `x-amzn-ErrorType`, `__type`,
/// and `error`/`error_description` (OIDC) or `message` (portal).
struct ServiceFailure: Error, Sendable {
    var shape: ErrorShape
    var message: String
    var retryAfterSeconds: Int?

    init(_ shape: ErrorShape, _ message: String, retryAfterSeconds: Int? = nil) {
        self.shape = shape
        self.message = message
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// "1 validation error detected" for a missing required member, as Coral phrases it.
    static func missing(_ member: String) -> ServiceFailure {
        ServiceFailure(
            .invalidRequest,
            "1 validation error detected: Value null at '\(member)' failed to satisfy constraint: Member must not be null"
        )
    }

    static func wrongType(_ member: String, expected: String) -> ServiceFailure {
        ServiceFailure(.invalidRequest, "Invalid value for member '\(member)': expected \(expected)")
    }

    func response(for api: ServiceAPI) -> Response {
        var body: [String: String] = ["__type": "\(api.coralNamespace)#\(shape.rawValue)"]
        switch api {
        case .sts:
            return STSReply.error(self)
        case .oidc, .browser:
            body["error"] = shape.oauthError
            body["error_description"] = message
            if shape == .tooManyRequests { body["message"] = message }
        case .portal, .federation:
            body["message"] = message
        }
        var headers: HTTPFields = [:]
        headers[.amznErrorType] =
            "\(shape.rawValue):http://internal.amazon.com/coral/\(api.coralNamespace)/"
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return JSONReply.make(status: shape.status, json: body, extraHeaders: headers)
    }
}

/// Builds JSON responses with the headers the service sends.
enum JSONReply {
    static func make(status: Int = 200, json: some Encodable, extraHeaders: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(json)) ?? Data("{}".utf8)
        return make(status: status, data: data, contentType: "application/json", extraHeaders: extraHeaders)
    }

    static func make(status: Int, data: Data, contentType: String, extraHeaders: HTTPFields = [:]) -> Response {
        var headers = extraHeaders
        headers[.contentType] = contentType
        headers[.amznRequestID] = UUID().uuidString.lowercased()
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    static func html(status: Int = 200, _ page: String) -> Response {
        make(status: status, data: Data(page.utf8), contentType: "text/html; charset=utf-8")
    }
}
