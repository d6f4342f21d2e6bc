import Crypto
import Foundation

/// The Proof Key for Code Exchange pair of one browser login (RFC 7636, S256), built as the AWS
/// CLI builds it: a 64-character verifier from the unreserved alphabet and a challenge that is the
/// base64url SHA-256 of the verifier without padding. The verifier is a secret: it is only ever
/// sent in the CreateToken body.
public struct PKCE: Sendable, CustomStringConvertible {
    public let verifier: String
    public let challenge: String

    /// The verifier alphabet: `A–Z a–z 0–9 - . _ ~`.
    public static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    /// The verifier length the AWS CLI uses.
    public static let verifierLength = 64

    /// A fresh pair from the system's cryptographically secure random number generator.
    public static func generate() -> PKCE {
        var generator = SystemRandomNumberGenerator()
        return generate(using: &generator)
    }

    /// A pair from the given generator (tests only; logins use ``generate()``).
    public static func generate(using generator: inout some RandomNumberGenerator) -> PKCE {
        var verifier = ""
        verifier.reserveCapacity(verifierLength)
        for _ in 0..<verifierLength {
            verifier.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return PKCE(verifier: verifier)
    }

    /// The pair for a given verifier.
    public init(verifier: String) {
        self.verifier = verifier
        self.challenge = Self.challenge(for: verifier)
    }

    /// base64url(SHA-256(ASCII verifier)) without `=` padding.
    public static func challenge(for verifier: String) -> String {
        let digest = SHA256.hash(data: Data(verifier.utf8))
        return Data(digest).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public var description: String { "PKCE(verifier: <redacted>, challenge: \(challenge))" }
}
