import Crypto
import Testing

@testable import SSOCache

/// The cache files' SHA-1 (computed in SSOCache, not by swift-crypto) against FIPS 180-4's examples and
/// against swift-crypto for every length across the padding boundaries.
@Suite("SHA-1 of cache keys")
struct SHA1HexTests {
    @Test("FIPS 180-4 examples")
    func examples() {
        #expect(SHA1Hex.digest("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(SHA1Hex.digest("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            SHA1Hex.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(SHA1Hex.digest(String(repeating: "a", count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("the same digest as swift-crypto for every length from 0 to 300 bytes, ASCII and UTF-8")
    func sameAsCrypto() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...300 {
            for alphabet in ["abcdefghijklmnopqrstuvwxyz0123456789{}\":, ", "é€😀a"] {
                let scalars = Array(alphabet)
                let text = String(
                    (0..<length).map { _ in scalars[Int.random(in: 0..<scalars.count, using: &generator)] })
                let expected = Insecure.SHA1.hash(data: Array(text.utf8)).map { byte in
                    String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
                }.joined()
                #expect(SHA1Hex.digest(text) == expected, "length \(length)")
            }
        }
    }
}
