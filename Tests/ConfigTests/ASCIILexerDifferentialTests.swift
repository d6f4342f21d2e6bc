import Foundation
import Testing

@testable import SSOConfig

/// The one-pass byte lexer (`ASCIILexer`) against the general path (`LineSplitter` then `INILexer` on
/// Unicode scalars): for every file it reads, the same lines and sections, or the same error; it
/// declines exactly the files that are not all ASCII without NUL bytes.
@Suite("Byte lexer equals the general lexer")
struct ASCIILexerDifferentialTests {
    static let file = URL(fileURLWithPath: "/tmp/config")

    @Test("the valid corpus", arguments: ValidCorpus.all)
    func validCorpus(_ sample: ValidCorpus.Case) {
        compare(Array(sample.text.utf8))
    }

    @Test("the malformed corpus", arguments: MalformedCorpus.all)
    func malformedCorpus(_ sample: MalformedCorpus.Case) {
        compare(sample.bytes)
    }

    @Test("the role-chain corpus")
    func chainCorpus() {
        compare(Array(ChainCorpus.config.utf8))
    }

    @Test("generated configs with each line break", arguments: ["\n", "\r\n", "\r"])
    func generated(_ ending: String) {
        let text = ConfigExcerptDifferentialTests.generatedConfig(profiles: 300, ending: ending)
        compare(Array(text.utf8))
        compare(Array((text + ending).utf8))
        // Mixed breaks: every third line ends differently.
        var mixed = ""
        for (index, line) in text.components(separatedBy: ending).enumerated() {
            mixed += line + (index % 3 == 0 ? "\n" : index % 3 == 1 ? "\r\n" : "\r")
        }
        compare(Array(mixed.utf8))
    }

    @Test("every truncation and byte substitution of a few files", arguments: Self.mutationSeeds)
    func mutations(_ seed: String) {
        let bytes = Array(seed.utf8)
        for length in 0...bytes.count { compare(Array(bytes[..<length])) }
        for position in bytes.indices {
            for replacement in Self.substitutes {
                var mutated = bytes
                mutated[position] = replacement
                compare(mutated)
            }
            var removed = bytes
            removed.remove(at: position)
            compare(removed)
        }
    }

    /// Bytes that change how a line reads: whitespace of every kind, line breaks, delimiters, header
    /// brackets, comment marks, upper case, and two the byte lexer must decline (NUL, non-ASCII).
    static let substitutes: [UInt8] = [
        0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x1C, 0x1F, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "="),
        UInt8(ascii: ":"), UInt8(ascii: "#"), UInt8(ascii: ";"), UInt8(ascii: "A"), UInt8(ascii: "\""), 0x00, 0xC3,
    ]

    static let mutationSeeds: [String] = [
        """
        [DEFAULT]
        output = json
        [default]
        Region = us-east-1
        [sso-session corp]
        sso_start_url = https://d-1.awsapps.com/start
          sso_region = us-east-1
        [profile dev]
        sso_session = corp
        # c
        description =
          a = 1

          b : 2
        ; x
        [services s]
        sso =
          endpoint_url = http://x
        """,
        "[a]\r\nk=v\r\n  cont\r\n\r\n[b]\rk : v\r\tx\n[profile \"q r\"]\nK = 1\n",
    ]

    private func compare(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected: Result<([ConfigLine], [LexedSection]), ConfigError> = Result { () throws(ConfigError) in
            let lines = try LineSplitter.split(bytes, file: Self.file)
            return (lines, try INILexer(lines: lines, file: Self.file).lex())
        }
        let isPlain = !bytes.contains { $0 == 0 || $0 >= 0x80 }
        let actual: Result<([ConfigLine], [LexedSection])?, ConfigError> = Result { () throws(ConfigError) in
            try ASCIILexer.lex(bytes, file: Self.file).map {
                (LineTable(bytes: bytes, ends: $0.lineEnds).lines, $0.sections)
            }
        }
        let shown = String(decoding: bytes, as: UTF8.self).debugDescription
        switch (expected, actual) {
        case (_, .success(nil)):
            #expect(!isPlain, "the byte lexer declined a plain ASCII file: \(shown)", sourceLocation: sourceLocation)
        case (.success(let want), .success(let got?)):
            #expect(isPlain, "the byte lexer read a file with NUL or non-ASCII bytes", sourceLocation: sourceLocation)
            #expect(got.0 == want.0, "lines differ for \(shown)", sourceLocation: sourceLocation)
            #expect(got.1 == want.1, "sections differ for \(shown)", sourceLocation: sourceLocation)
        case (.failure(let want), .failure(let got)):
            #expect(got == want, "errors differ for \(shown)", sourceLocation: sourceLocation)
        case (.success, .failure(let got)):
            Issue.record("the byte lexer refused \(shown): \(got)", sourceLocation: sourceLocation)
        case (.failure(let want), .success):
            Issue.record(
                "the byte lexer read \(shown), the general lexer refuses it: \(want)", sourceLocation: sourceLocation)
        }
    }
}
