public import Foundation

/// The STS API over the awsQuery protocol: form-encoded POSTs signed with SigV4, XML answers.
/// `AssumeRole` for role chains, `GetCallerIdentity` to check whose credentials a process holds.
public struct STSClient: Sendable {
    public let endpoint: URL
    public let signer: SigV4Signer
    private let transport: any HTTPTransport
    private let timeout: Duration?
    private let userAgent: String
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - endpoint: the STS endpoint (`https://sts.REGION.amazonaws.com/` or an override).
    ///   - signingRegion: the region requests are signed for.
    ///   - now: the clock of the `X-Amz-Date` header.
    public init(
        endpoint: URL, signingRegion: String, transport: any HTTPTransport, timeout: Duration? = nil,
        userAgent: String = "multisso", now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.endpoint = endpoint
        self.signer = SigV4Signer(service: "sts", region: signingRegion)
        self.transport = transport
        self.timeout = timeout
        self.userAgent = userAgent
        self.now = now
    }

    /// `AssumeRole` signed with `credentials`.
    public func assumeRole(_ parameters: AssumeRoleParameters, credentials: SigningCredentials) async throws(WireError)
        -> AssumedRole
    {
        let operation = "AssumeRole"
        let xml = try await call(
            operation: operation,
            [
                ("RoleArn", parameters.roleARN), ("RoleSessionName", parameters.sessionName),
                ("DurationSeconds", parameters.durationSeconds.map(String.init)), ("ExternalId", parameters.externalID),
                ("SerialNumber", parameters.serialNumber), ("TokenCode", parameters.tokenCode),
            ], credentials: credentials)
        func required(_ name: String) throws(WireError) -> String {
            guard let value = QueryXML.value(name, in: xml) else {
                throw .invalidResponse(operation: operation, reason: "missing element \(name)")
            }
            return value
        }
        let expirationText = try required("Expiration")
        guard let expiration = Self.parseTimestamp(expirationText) else {
            throw .invalidResponse(operation: operation, reason: "Expiration is not an ISO 8601 time")
        }
        return AssumedRole(
            credentials: SigningCredentials(
                accessKeyID: try required("AccessKeyId"), secretAccessKey: try required("SecretAccessKey"),
                sessionToken: try required("SessionToken")),
            expiration: expiration, arn: try required("Arn"), assumedRoleID: try required("AssumedRoleId"))
    }

    /// `GetCallerIdentity` signed with `credentials`.
    public func getCallerIdentity(credentials: SigningCredentials) async throws(WireError) -> CallerIdentity {
        let xml = try await call(operation: "GetCallerIdentity", [], credentials: credentials)
        guard let account = QueryXML.value("Account", in: xml), let arn = QueryXML.value("Arn", in: xml),
            let userID = QueryXML.value("UserId", in: xml)
        else { throw .invalidResponse(operation: "GetCallerIdentity", reason: "missing Account, Arn or UserId") }
        return CallerIdentity(account: account, arn: arn, userID: userID)
    }

    private func call(
        operation: String, _ parameters: [(String, String?)], credentials: SigningCredentials
    ) async throws(WireError) -> String {
        let body = PercentEncoding.query([("Action", operation), ("Version", "2011-06-15")] + parameters)
        var url = endpoint
        if url.path.isEmpty { url = url.appendingPathComponent("/") }
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: [
                ("User-Agent", userAgent), ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
            ],
            body: Data(body.utf8), timeout: timeout, operation: operation)
        let response = try await transport.send(signer.sign(request, with: credentials, at: now()))
        let text = String(decoding: response.body, as: UTF8.self)
        guard (200..<300).contains(response.status) else {
            throw .service(
                ServiceError(
                    operation: operation, status: response.status,
                    code: QueryXML.value("Code", in: text) ?? String(response.status),
                    message: QueryXML.value("Message", in: text),
                    retryAfter: response.header("Retry-After").flatMap { RetryAfter.parse($0, now: now()) },
                    requestID: QueryXML.value("RequestId", in: text) ?? response.header("x-amzn-RequestId")))
        }
        return text
    }

    /// `2026-12-04T12:00:00Z`, with or without fractional seconds.
    static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
