import Crypto
import Foundation

/// Random identifiers and secrets shaped like the service's, from the system CSPRNG.
enum Secrets {
    static let upperAlphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    /// Letters for user codes: no vowels or look-alikes, as device-flow services do.
    static let userCodeLetters = Array("BCDFGHJKLMNPQRSTVWXZ")

    /// `count` random bytes, eight per call of the system generator (one system call each).
    static func bytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count { withUnsafeBytes(of: generator.next()) { bytes += $0 } }
        return Array(bytes.prefix(count))
    }

    static func base64URL(_ count: Int) -> String {
        base64URLEncoded(Data(bytes(count)))
    }

    static func characters(_ count: Int, from alphabet: [Character]) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    static func clientID() -> String { base64URL(16) }
    static func clientSecret() -> String { "eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0." + base64URL(192) }
    static func deviceCode() -> String { base64URL(64) }
    static func userCode() -> String {
        characters(4, from: userCodeLetters) + "-" + characters(4, from: userCodeLetters)
    }
    static func authorizationCode() -> String { base64URL(48) }
    static func accessToken() -> String { "aoa" + base64URL(96) }
    static func refreshToken() -> String { "aor" + base64URL(96) }
    static func accessKeyID() -> String { "ASIA" + characters(16, from: upperAlphanumerics) }
    static func secretAccessKey() -> String { String(Data(bytes(30)).base64EncodedString().prefix(40)) }
    static func signinToken() -> String { base64URL(384) }
    static func sessionToken() -> String { "IQoJb3JpZ2luX2VjE" + Data(bytes(240)).base64EncodedString() }

    static func base64URLEncoded(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// RFC 7636 S256: base64url without padding of SHA-256 of the ASCII verifier.
    static func pkceChallenge(verifier: String) -> String {
        base64URLEncoded(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Constant-time comparison for secrets.
    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
