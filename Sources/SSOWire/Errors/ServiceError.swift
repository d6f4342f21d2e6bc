/// An error answer from the OIDC or portal service (any HTTP status >= 300), decoded the way
/// botocore decodes rest-json errors. Carries no request data, so it never holds a secret.
public struct ServiceError: Sendable, Equatable {
    /// The API operation, e.g. `CreateToken`.
    public var operation: String
    /// The HTTP status.
    public var status: Int
    /// The bare error shape name, e.g. `UnauthorizedException`, or the status as text when the
    /// response named no code.
    public var code: String
    /// The service's message (`message`, `Message` or `error_description`).
    public var message: String?
    /// The delay the service asked for in `Retry-After`.
    public var retryAfter: Duration?
    /// The `x-amzn-RequestId` header, for support requests.
    public var requestID: String?

    public init(
        operation: String, status: Int, code: String, message: String? = nil,
        retryAfter: Duration? = nil, requestID: String? = nil
    ) {
        self.operation = operation
        self.status = status
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.requestID = requestID
    }
}
