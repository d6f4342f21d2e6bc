import AWSFormats
import Foundation
import Testing

@testable import SSOCache

/// The credential file's direct byte writer against the value tree and `PythonJSON`, the encoder the
/// Python conformance tests check against botocore: the same bytes for every credential.
@Suite("Credential file bytes")
struct CredentialFileBytesTests {
    private static func expectSame(_ credentials: RoleCredentials, sourceLocation: SourceLocation = #_sourceLocation) {
        let reference = CacheFile.encoded(credentials.jsonValue)
        #expect(
            credentials.cacheFileBytes == reference,
            "\(String(decoding: credentials.cacheFileBytes, as: UTF8.self)) != \(String(decoding: reference, as: UTF8.self))",
            sourceLocation: sourceLocation)
    }

    @Test("the usual credentials, with and without an account ID, at dates from 1970 to 9999")
    func usual() {
        for seconds in [0.0, 1.5, 1_796_385_600, 1_796_385_600.999, 253_402_300_799] {
            for accountID in [nil, "123456789012"] {
                Self.expectSame(
                    RoleCredentials(
                        accessKeyID: "ASIAEXAMPLE", secretAccessKey: "wJalr/K7MDENG+bPxRfiCY=",
                        sessionToken: String(repeating: "IQoJb3JpZ2luX2VjE/+=", count: 40),
                        expiration: Date(timeIntervalSince1970: seconds), accountID: accountID))
            }
        }
    }

    @Test("escapes: quotes, backslashes, control characters, non-ASCII and astral characters")
    func escapes() {
        let texts = ["", "\"", "\\", "a\"b\\c", "\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}", "é☃", "𝄞x", "/:"]
        for text in texts {
            Self.expectSame(
                RoleCredentials(
                    accessKeyID: text, secretAccessKey: "s" + text, sessionToken: text + "t",
                    expiration: Date(timeIntervalSince1970: 1_796_385_600), accountID: text))
        }
    }

    @Test("Expiration as Foundation's ISO 8601 formatter writes it in UTC, whole seconds, years 1970 to 9999")
    func expiration() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: 0...253_402_300_799, using: &generator)))
            #expect(CacheTimestamp.format(date) == formatter.string(from: date))
        }
    }

    @Test("3,000 generated credentials")
    func generated() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCxyz019+/=\"\\\n\t é☃𝄞\u{7F}\u{1}")
        func text(_ length: Int) -> String {
            String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
        }
        for _ in 0..<3_000 {
            Self.expectSame(
                RoleCredentials(
                    accessKeyID: text(Int.random(in: 0...20, using: &generator)),
                    secretAccessKey: text(Int.random(in: 0...40, using: &generator)),
                    sessionToken: text(Int.random(in: 0...600, using: &generator)),
                    expiration: Date(timeIntervalSince1970: Double.random(in: 0...4_000_000_000, using: &generator)),
                    accountID: Bool.random(using: &generator) ? text(12) : nil))
        }
    }
}
