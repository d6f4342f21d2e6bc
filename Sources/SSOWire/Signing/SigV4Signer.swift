import Crypto
public import Foundation

/// AWS Signature Version 4 for one service and region, as botocore's `SigV4Auth` computes it: adds
/// `X-Amz-Date` (and `X-Amz-Security-Token`), then an `Authorization` header over every header except
/// `User-Agent`, `Expect`, `Transfer-Encoding` and `X-Amzn-Trace-Id`, plus `Host`.
public struct SigV4Signer: Sendable {
    public var service: String
    public var region: String

    /// Headers botocore never signs.
    static let unsigned: Set<String> = ["expect", "transfer-encoding", "user-agent", "x-amzn-trace-id"]

    public init(service: String, region: String) {
        self.service = service
        self.region = region
    }

    /// `request` with the date, token and `Authorization` headers added.
    public func sign(_ request: HTTPRequest, with credentials: SigningCredentials, at date: Date) -> HTTPRequest {
        var signed = request
        let stamp = Self.timestamp(date)
        signed.headers.append(("X-Amz-Date", stamp))
        if let token = credentials.sessionToken { signed.headers.append(("X-Amz-Security-Token", token)) }
        var headers: [String: String] = [:]
        for (name, value) in signed.headers where !Self.unsigned.contains(name.lowercased()) {
            headers[name.lowercased()] = value.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        if headers["host"] == nil { headers["host"] = Self.host(of: request.url) }
        let names = headers.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        let canonical = [
            request.method,
            Self.canonicalPath(request.url),
            Self.canonicalQuery(request.url),
            names.map { "\($0):\(headers[$0] ?? "")\n" }.joined(),
            signedHeaders,
            Self.hexSHA256(request.body ?? Data()),
        ].joined(separator: "\n")
        let day = String(stamp.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, Self.hexSHA256(Data(canonical.utf8))].joined(
            separator: "\n")
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        let signature = Data(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key)).hexString
        signed.headers.append(
            (
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), Signature=\(signature)"
            ))
        return signed
    }

    /// `20261204T113500Z`: ISO 8601's basic format in UTC (a format style, not a `DateFormatter`,
    /// which builds an ICU formatter on every call; one request per chained role signs with it).
    static func timestamp(_ date: Date) -> String {
        date.formatted(basicTimestamp)
    }

    private static let basicTimestamp = Date.ISO8601FormatStyle(
        dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)

    /// The host with its port unless it is the scheme's default, as botocore's `_canonical_host`.
    static func host(of url: URL) -> String {
        let host = url.host ?? ""
        guard let port = url.port else { return host }
        let scheme = url.scheme?.lowercased()
        if (scheme == "http" && port == 80) || (scheme == "https" && port == 443) { return host }
        return "\(host):\(port)"
    }

    private static func canonicalPath(_ url: URL) -> String {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        return path.isEmpty ? "/" : path
    }

    private static func canonicalQuery(_ url: URL) -> String {
        guard let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery, !query.isEmpty
        else {
            return ""
        }
        return query.split(separator: "&").map(String.init).sorted().joined(separator: "&")
    }

    static func hexSHA256(_ data: Data) -> String {
        Data(SHA256.hash(data: data)).hexString
    }
}

extension Data {
    /// Lower-case hexadecimal digits.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        for byte in self { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: text, as: UTF8.self)
    }
}
