public import Foundation

/// Turns an error response into a ``ServiceError`` exactly as botocore's RestJSONParser does: the code comes from the `x-amzn-ErrorType` header, else the body's
/// `code`/`Code`, else `__type`, else the HTTP status; it is cut at the first `:` and everything up
/// to the last `#` is dropped. The message is `message`, `Message` or `error_description`.
public enum ServiceErrorDecoder {
    public static func decode(operation: String, response: HTTPResponse, now: Date = Date()) -> ServiceError {
        let body = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        let rawCode: String? =
            nonEmpty(response.header("x-amzn-ErrorType"))
            ?? nonEmpty(body["code"] as? String) ?? nonEmpty(body["Code"] as? String)
            ?? nonEmpty(body["__type"] as? String)
        let code = rawCode.map(bareShapeName).flatMap(nonEmpty) ?? String(response.status)
        let message =
            nonEmpty(body["message"] as? String) ?? nonEmpty(body["Message"] as? String)
            ?? nonEmpty(body["error_description"] as? String)
        return ServiceError(
            operation: operation,
            status: response.status,
            code: code,
            message: message,
            retryAfter: response.header("Retry-After").flatMap { RetryAfter.parse($0, now: now) },
            requestID: nonEmpty(response.header("x-amzn-RequestId"))
        )
    }

    /// `AuthorizationPendingException:http://internal…` → `AuthorizationPendingException`;
    /// `com.amazonaws.switchboard.portal#UnauthorizedException` → `UnauthorizedException`.
    public static func bareShapeName(_ raw: String) -> String {
        let beforeColon = raw.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let afterHash = beforeColon.split(separator: "#", omittingEmptySubsequences: false).last ?? ""
        return afterHash.trimmingCharacters(in: .whitespaces)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return text
    }
}
