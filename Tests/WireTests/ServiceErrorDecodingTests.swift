import Foundation
import SSOWire
import Testing

@Suite("Service error decoding (bytes in, typed error out)")
struct ServiceErrorDecodingTests {
    private func decode(_ status: Int, _ body: String, headers: [String: String] = [:]) -> WireError {
        .service(
            ServiceErrorDecoder.decode(
                operation: "Op", response: HTTPResponse(status: status, headers: headers, body: Data(body.utf8)),
                now: Date(timeIntervalSince1970: 784_111_747)))
    }

    @Test("OIDC AuthorizationPending as seen on the wire (aws-cli #5878): header code with coral suffix")
    func authorizationPending() {
        let error = decode(
            400, #"{"error":"authorization_pending","error_description":"Authorization is still pending"}"#,
            headers: [
                "X-Amzn-ErrorType":
                    "AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"
            ])
        #expect(error.code == "AuthorizationPendingException")
        #expect(error.serviceError?.message == "Authorization is still pending")
        #expect(error.serviceError?.status == 400)
        #expect(!error.isRetryable && !error.isThrottling && !error.isUnauthorized)
    }

    @Test("portal 401 with only __type (aws-sso-util #74) is UnauthorizedException")
    func portalUnauthorized() {
        let error = decode(
            401,
            #"{"message":"Session token not found or invalid","__type":"com.amazonaws.switchboard.portal#UnauthorizedException"}"#
        )
        #expect(error.code == "UnauthorizedException")
        #expect(error.serviceError?.message == "Session token not found or invalid")
        #expect(error.isUnauthorized)
        #expect(!error.isRetryable)
        #expect(error.description.contains("HTTP 401 UnauthorizedException"))
    }

    @Test("the OAuth `error` field is not a code: no header and no __type gives the status")
    func oauthErrorFieldIgnored() {
        let error = decode(400, #"{"error":"invalid_grant","error_description":"Invalid grant provided"}"#)
        #expect(error.code == "400")
        #expect(error.serviceError?.message == "Invalid grant provided")
    }

    @Test("body `code` wins over `__type`, `Code`/`Message` are read too")
    func bodyCodeOrder() {
        #expect(decode(400, #"{"code":"A","__type":"x#B"}"#).code == "A")
        let capital = decode(400, #"{"Code":"ThrottlingException","Message":"Rate exceeded"}"#)
        #expect(capital.code == "ThrottlingException")
        #expect(capital.serviceError?.message == "Rate exceeded")
        #expect(capital.isThrottling && capital.isRetryable)
    }

    @Test("the header wins over the body")
    func headerFirst() {
        let error = decode(
            400, #"{"__type":"com.amazonaws#InvalidRequestException","message":"m"}"#,
            headers: ["x-amzn-errortype": "SlowDownException"])
        #expect(error.code == "SlowDownException")
    }

    @Test("429 TooManyRequestsException with Retry-After seconds is throttling and carries the delay")
    func throttled() {
        let error = decode(
            429,
            #"{"message":"Too many requests","__type":"com.amazonaws.switchboard.portal#TooManyRequestsException"}"#,
            headers: ["Retry-After": "2", "x-amzn-RequestId": "req-1"])
        #expect(error.code == "TooManyRequestsException")
        #expect(error.isThrottling && error.isRetryable)
        #expect(error.retryAfter == .seconds(2))
        #expect(error.serviceError?.requestID == "req-1")
    }

    @Test("empty or non-JSON bodies fall back to the status; 5xx are retryable")
    func fallbacks() {
        let empty = decode(503, "")
        #expect(empty.code == "503" && empty.isRetryable)
        let html = decode(502, "<html>Bad Gateway</html>")
        #expect(html.code == "502" && html.serviceError?.message == nil && html.isRetryable)
        let serverError = decode(
            500, #"{"error":"server_error"}"#, headers: ["x-amzn-ErrorType": "InternalServerException"])
        #expect(serverError.code == "InternalServerException" && serverError.isRetryable)
    }

    @Test("invalid client (401) is neither unauthorized-token nor retryable")
    func invalidClient() {
        let error = decode(
            401, #"{"error":"invalid_client","error_description":"Invalid client"}"#,
            headers: ["x-amzn-ErrorType": "InvalidClientException"])
        #expect(error.code == "InvalidClientException")
        #expect(!error.isUnauthorized && !error.isRetryable)
    }

    @Test("shape names are cut at ':' and after the last '#'")
    func bareNames() {
        #expect(ServiceErrorDecoder.bareShapeName("a.b#c.d#Name:extra:more") == "Name")
        #expect(ServiceErrorDecoder.bareShapeName("Plain") == "Plain")
    }

    @Test("non-service errors classify as documented")
    func transportErrors() {
        #expect(WireError.timedOut(operation: "X", after: .seconds(1)).isRetryable)
        #expect(WireError.connectionFailed(operation: "X", reason: "reset").isRetryable)
        #expect(!WireError.invalidResponse(operation: "X", reason: "r").isRetryable)
        #expect(!WireError.cancelled(operation: "X").isRetryable)
        #expect(WireError.timedOut(operation: "X", after: .seconds(1)).code == "timed_out")
    }
}

@Suite("Retry-After parsing")
struct RetryAfterTests {
    let now = Date(timeIntervalSince1970: 784_111_747)  // Sun, 06 Nov 1994 08:49:07 GMT

    @Test("delta seconds, whole and fractional")
    func seconds() {
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 1.5 ", now: now) == .milliseconds(1500))
        #expect(RetryAfter.parse("0", now: now) == .zero)
    }

    @Test("HTTP-date in IMF-fixdate, RFC 850 and asctime forms")
    func dates() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("Sun Nov  6 08:49:37 1994", now: now) == .seconds(30))
    }

    @Test("a past date is zero; garbage and negatives are nil")
    func edges() {
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.parse("", now: now) == nil)
    }
}
