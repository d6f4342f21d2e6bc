import Foundation
import SessionActors
import Testing

@Suite("Shell quoting of suggested commands")
struct ShellQuoteTests {
    @Test("plain words stay bare; anything else is single-quoted and reads back as itself in sh")
    func roundTrip() throws {
        #expect(ShellQuote.word("prod-admin_1.x") == "prod-admin_1.x")
        #expect(ShellQuote.word("https://d-123.awsapps.com/start") == "https://d-123.awsapps.com/start")
        #expect(ShellQuote.word("") == "''")
        let words = ["a b", "it's", "x;$(touch /tmp/no)", "`id`", "legacy&prod", "é", "\"q\"\\"]
        for word in words {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "printf %s " + ShellQuote.word(word)]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(printed == word, "\(ShellQuote.word(word))")
        }
    }
}
