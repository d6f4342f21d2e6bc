public import FailureKinds

/// Everything that can go wrong talking to the OIDC or portal service, classified so that callers
/// can decide between retrying, logging in again and giving up. Never holds a token, secret or code.
public enum WireError: ClassifiedError, Sendable, CustomStringConvertible {
    /// The service answered with an error status (>= 300), decoded as botocore does (``ServiceErrorDecoder``).
    case service(ServiceError)
    /// No complete response arrived within the request's deadline.
    case timedOut(operation: String, after: Duration)
    /// The connection could not be made or was dropped or reset.
    case connectionFailed(operation: String, reason: String)
    /// A 2xx response whose body is not what the API promises.
    case invalidResponse(operation: String, reason: String)
    /// The calling task was cancelled before a response arrived.
    case cancelled(operation: String)

    /// A short stable identifier: the service's error shape name for `.service` (e.g.
    /// `UnauthorizedException`), otherwise `timed_out`, `connection_failed`, `invalid_response`, `cancelled`.
    public var code: String {
        switch self {
        case .service(let error): error.code
        case .timedOut: "timed_out"
        case .connectionFailed: "connection_failed"
        case .invalidResponse: "invalid_response"
        case .cancelled: "cancelled"
        }
    }

    /// The API operation that failed.
    public var operation: String {
        switch self {
        case .service(let error): error.operation
        case .timedOut(let operation, _), .connectionFailed(let operation, _),
            .invalidResponse(let operation, _), .cancelled(let operation):
            operation
        }
    }

    /// The service error, if the service answered.
    public var serviceError: ServiceError? {
        if case .service(let error) = self { return error }
        return nil
    }

    /// Error codes that mean "slow down" (throttling), besides HTTP 429.
    public static let throttlingCodes: Set<String> = [
        "TooManyRequestsException", "ThrottlingException", "Throttling", "ThrottledException",
        "RequestThrottledException", "RequestThrottled", "RequestLimitExceeded", "SlowDownException",
        "SlowDown", "ProvisionedThroughputExceededException", "BandwidthLimitExceeded",
        "TransactionInProgressException", "PriorRequestNotComplete", "EC2ThrottledException",
    ]

    /// 429, `TooManyRequestsException` and the other throttling codes botocore's standard mode knows.
    public var isThrottling: Bool {
        guard case .service(let error) = self else { return false }
        return error.status == 429 || Self.throttlingCodes.contains(error.code)
    }

    /// Worth trying again: 5xx answers, throttling, timeouts and dropped connections.
    public var isRetryable: Bool {
        switch self {
        case .service(let error):
            return isThrottling || (500...599).contains(error.status) || error.code == "InternalServerException"
        case .timedOut, .connectionFailed:
            return true
        case .invalidResponse, .cancelled:
            return false
        }
    }

    /// The portal rejected the access token (`UnauthorizedException`, HTTP 401): log in again.
    public var isUnauthorized: Bool {
        guard case .service(let error) = self else { return false }
        return error.code == "UnauthorizedException" || (error.status == 401 && error.code == "401")
    }

    /// The delay the service asked for with `Retry-After`.
    public var retryAfter: Duration? { serviceError?.retryAfter }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        if case .cancelled = self { .interrupted } else { .service }
    }

    public var description: String {
        switch self {
        case .service(let error):
            var text = "\(error.operation) failed: HTTP \(error.status) \(error.code)"
            if let message = error.message { text += ": \(message)" }
            if isUnauthorized { text += " (the SSO session has expired or was logged out; log in again)" }
            if let retryAfter = error.retryAfter { text += " (retry after \(retryAfter.formattedSeconds))" }
            if let requestID = error.requestID { text += " [request id \(requestID)]" }
            return text
        case .timedOut(let operation, let after):
            return
                "\(operation) timed out after \(after.formattedSeconds) without a response; check the network or the endpoint"
        case .connectionFailed(let operation, let reason):
            return "\(operation) could not reach the service: \(reason)"
        case .invalidResponse(let operation, let reason):
            return "\(operation) returned an unexpected response: \(reason)"
        case .cancelled(let operation):
            return "\(operation) was cancelled"
        }
    }
}

extension Duration {
    /// `1.5 s`, `30 s`: for error messages.
    var formattedSeconds: String {
        let milliseconds = components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        return "\(Double(milliseconds) / 1000) s"
    }
}
