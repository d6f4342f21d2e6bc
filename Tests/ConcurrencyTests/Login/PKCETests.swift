import Testing

@testable import SessionActors

@Suite("PKCE")
struct PKCETests {
    @Test("RFC 7636 Appendix B verifier gives the documented S256 challenge without padding")
    func rfcVector() {
        let pkce = PKCE(verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(pkce.challenge == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(pkce.challenge.count == 43)
    }

    @Test("generated verifiers are 64 characters from the unreserved alphabet, challenge matches")
    func generatedShape() {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        for _ in 0..<50 {
            let pkce = PKCE.generate()
            #expect(pkce.verifier.count == 64)
            #expect(pkce.verifier.allSatisfy { allowed.contains($0) })
            #expect(pkce.challenge == PKCE.challenge(for: pkce.verifier))
            #expect(pkce.challenge.count == 43)
            #expect(!pkce.challenge.contains("=") && !pkce.challenge.contains("+") && !pkce.challenge.contains("/"))
        }
    }

    @Test("generated verifiers differ and use the whole alphabet")
    func randomness() {
        let verifiers = (0..<200).map { _ in PKCE.generate().verifier }
        #expect(Set(verifiers).count == 200)
        let used = Set(verifiers.joined())
        // 12,800 draws from 66 symbols: every symbol appears with overwhelming probability.
        #expect(used.count == PKCE.alphabet.count)
    }

    @Test("description never shows the verifier")
    func redacted() {
        let pkce = PKCE.generate()
        #expect(!String(describing: pkce).contains(pkce.verifier))
    }
}
