import Crypto
import Foundation

/// Checks an AWS Signature Version 4 `Authorization` header the way AWS does: parses the credential
/// scope and the signed header list, rebuilds the canonical request from what arrived, and compares
/// the signature computed with the issued secret.
struct SigV4Verifier: Sendable {
    /// The parts of an `Authorization` header.
    struct Authorization: Sendable {
        var accessKeyID: String
        var date: String
        var region: String
        var service: String
        var signedHeaders: [String]
        var signature: String
    }

    /// Parses `AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, SignedHeaders=…, Signature=…`.
    static func parse(_ header: String) -> Authorization? {
        guard header.hasPrefix("AWS4-HMAC-SHA256 ") else { return nil }
        var fields: [String: String] = [:]
        for part in header.dropFirst("AWS4-HMAC-SHA256 ".count).split(separator: ",") {
            let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let credential = fields["Credential"]?.split(separator: "/").map(String.init), credential.count == 5,
            credential[4] == "aws4_request", let signed = fields["SignedHeaders"], let signature = fields["Signature"]
        else { return nil }
        return Authorization(
            accessKeyID: credential[0], date: credential[1], region: credential[2], service: credential[3],
            signedHeaders: signed.split(separator: ";").map(String.init), signature: signature)
    }

    /// Whether `authorization` signs this request with `secret`.
    /// - Parameters:
    ///   - header: looks a header up by lower-case name.
    static func verify(
        _ authorization: Authorization, secret: String, method: String, path: String, query: String, body: [UInt8],
        header: (String) -> String?
    ) -> Bool {
        guard authorization.signedHeaders.contains("host"), let stamp = header("x-amz-date"),
            stamp.hasPrefix(authorization.date)
        else { return false }
        let canonicalHeaders = authorization.signedHeaders.map { name in
            "\(name):\((header(name) ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " "))\n"
        }.joined()
        let sortedQuery = query.isEmpty ? "" : query.split(separator: "&").sorted().joined(separator: "&")
        let request = [
            method, path.isEmpty ? "/" : path, sortedQuery, canonicalHeaders,
            authorization.signedHeaders.joined(separator: ";"), hex(SHA256.hash(data: body)),
        ].joined(separator: "\n")
        let scope = "\(authorization.date)/\(authorization.region)/\(authorization.service)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(stamp)\n\(scope)\n\(hex(SHA256.hash(data: Array(request.utf8))))"
        var key = SymmetricKey(data: Array("AWS4\(secret)".utf8))
        for part in [authorization.date, authorization.region, authorization.service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let expected = hex(HMAC<SHA256>.authenticationCode(for: Array(toSign.utf8), using: key))
        return Secrets.equal(expected, authorization.signature)
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest { text += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: text, as: UTF8.self)
    }
}
