import Foundation
import SSOConfig
import Testing

@Suite("Malformed input")
struct MalformedInputTests {
    @Test("each malformed file gets a clear error with file and line", arguments: MalformedCorpus.all)
    func malformed(_ sample: MalformedCorpus.Case) {
        do {
            _ = try ConfigDocument(parsing: Data(sample.bytes), file: sampleFile)
            Issue.record("\(sample.name) was accepted")
        } catch {
            #expect(error.code == sample.code)
            #expect(error.description.hasPrefix("\(sampleFile.path):\(sample.line): "), "\(error)")
        }
    }

    @Test("a malformed line's text (which could hold a secret) is not repeated in the error")
    func noSecretInError() {
        let text = "[default]\naws_secret_access_key wJalrXUtnFEMI/K7MDENG\n"
        let error = #expect(throws: ConfigError.self) {
            _ = try ConfigDocument(parsing: Data(text.utf8), file: sampleFile)
        }
        #expect(error?.code == "config_malformed_line")
        #expect(error.map { !"\($0)".contains("wJalrXUtnFEMI") } == true)
    }

    @Test("random bytes never crash the parser")
    func fuzz() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] =
            Array("[]=:#; \t\r\n\"'\\profile sso-session services DEFAULT abc".utf8) + [0, 0xC3, 0xA9, 0xFF]
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            if let document = try? ConfigDocument(parsing: Data(bytes), file: sampleFile) {
                #expect(document.data == Data(bytes))
            }
        }
    }
}
