import Foundation
import SSOEmulator
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `multisso pick` driven through a pseudo-terminal like a person: typing filters, arrows move, Enter
/// prints the name, Escape leaves; recent choices come first; narrow terminals and NO_COLOR.
@Suite("CLI pick through a pty")
struct PickTests {
    static let emulator = ["--portals", "2", "--accounts", "3", "--roles-per-account", "2"]

    struct Run {
        var status: Int32
        var stdout: String
        var screen: String
    }

    /// Starts `multisso pick` with the pty as standard input and error (standard output to a file),
    /// lets `drive` type, and waits for it to end.
    static func pick(
        _ sandbox: CLISandbox, columns: UInt16 = 80, rows: UInt16 = 24, environment: [String: String] = [:],
        _ drive: (ConfigureTerminal) async throws -> Void
    ) async throws -> Run {
        let terminal = try ConfigureTerminal()
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        #expect(ioctl(terminal.terminal, UInt(TIOCSWINSZ), &size) == 0)
        let process = try ChildRun(
            try TestBinaries.multisso(), ["pick"],
            environment: sandbox.environment(extra: ["TERM": "xterm"].merging(environment) { $1 }), in: sandbox.folder,
            name: "pick-\(UUID().uuidString.prefix(8))",
            streams: ChildStreams(input: terminal.terminal, error: terminal.terminal))
        try await terminal.waitFor("pick> ")
        try await drive(terminal)
        let status = try await ConfigureSandbox.waitForExit(process, timeout: .seconds(30))
        terminal.drain()
        return Run(status: status, stdout: process.stdoutSoFar, screen: terminal.transcript)
    }

    /// The screen's text lines without escape sequences.
    static func plainLines(_ screen: String) -> [String] {
        let plain = screen.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
        return plain.components(separatedBy: "\r\n").flatMap { $0.components(separatedBy: "\r") }
    }

    @Test("typing filters fuzzily, Enter prints the name and remembers it; next time it comes first; Escape leaves")
    func filterChooseAndRemember() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let total = sandbox.profiles.count
            let target = try #require(sandbox.profiles.last)
            // The account ID's last digits and the role's first letters: a subsequence of this profile only.
            let query = String(target.accountID.suffix(4)) + " " + target.roleName.prefix(4).lowercased()
            let chosen = try await Self.pick(sandbox) { terminal in
                try await terminal.waitFor("\(total)/\(total)")
                terminal.type(query)
                try await terminal.waitFor("pick> \(query)")
                terminal.type("\r")
            }
            #expect(chosen.status == 0 && chosen.stdout == target.name + "\n", "\(chosen.screen)")
            let history = sandbox.home.appendingPathComponent(".aws/sso/multisso-pick-history.json")
            #expect(try String(contentsOf: history, encoding: .utf8).contains(target.name))
            #expect(try CacheContents.mode(history) == 0o600)

            let again = try await Self.pick(sandbox) { terminal in
                try await terminal.waitFor("\(total)/\(total)")
                terminal.type("\r")
            }
            #expect(again.stdout == target.name + "\n", "the recent choice is first: \(again.screen)")

            let left = try await Self.pick(sandbox) { terminal in
                try await terminal.waitFor("\(total)/\(total)")
                terminal.type("zz\u{1B}")
            }
            #expect(left.status == 130 && left.stdout.isEmpty, "\(left.screen)")
        }
    }

    @Test("arrows move; a 40-column terminal gets rows that fit; colour only without NO_COLOR")
    func narrowArrowsColour() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let history = sandbox.home.appendingPathComponent(".aws/sso/multisso-pick-history.json")
            func choose(_ keys: [String]) async throws -> Run {
                try? FileManager.default.removeItem(at: history)
                return try await Self.pick(sandbox, columns: 40, rows: 10) { terminal in
                    terminal.type("portal")
                    try await terminal.waitFor("pick> portal")
                    for key in keys {
                        terminal.type(key)
                        try await terminal.waitFor("pick>")
                    }
                    terminal.type("\r")
                }
            }
            let up = "\u{1B}[A"
            let down = "\u{1B}[B"
            let first = try await choose([])
            let second = try await choose([down])
            let last = try await choose([up])
            let back = try await choose([up, down])
            #expect(first.status == 0 && second.status == 0 && last.status == 0, "\(first.screen)")
            let names = Set(sandbox.profiles.map { $0.name + "\n" })
            #expect(names.contains(first.stdout) && names.contains(second.stdout) && names.contains(last.stdout))
            #expect(Set([first.stdout, second.stdout, last.stdout]).count == 3, "Down and Up (wrapping) move")
            #expect(back.stdout == first.stdout)
            let narrow = last
            let long = Self.plainLines(narrow.screen).filter { $0.count > 40 }
            #expect(long.isEmpty, "\(long)")
            #expect(narrow.screen.contains("\u{1B}[7m"), "the selection is reversed with colour")

            let plain = try await Self.pick(sandbox, environment: ["NO_COLOR": "1"]) { terminal in
                terminal.type("\u{03}")
            }
            #expect(plain.status == 130 && plain.stdout.isEmpty)
            #expect(!plain.screen.contains("\u{1B}[7m") && plain.screen.contains("> "), "\(plain.screen)")
        }
    }
}
