import Foundation
import SessionActors
import TestSupport
import Testing

@Suite("Shell quoting of suggested commands")
struct ShellQuoteTests {
    @Test("plain words stay bare; anything else is single-quoted and reads back as itself in sh")
    func roundTrip() async throws {
        #expect(ShellQuote.word("prod-admin_1.x") == "prod-admin_1.x")
        #expect(ShellQuote.word("https://d-123.awsapps.com/start") == "https://d-123.awsapps.com/start")
        #expect(ShellQuote.word("") == "''")
        let words = ["a b", "it's", "x;$(touch /tmp/no)", "`id`", "legacy&prod", "é", "\"q\"\\"]
        for word in words {
            let printed = try await runProcess(
                URL(fileURLWithPath: "/bin/sh"), ["-c", "printf %s " + ShellQuote.word(word)]
            ).stdout
            #expect(printed == word, "\(ShellQuote.word(word))")
        }
    }
}
