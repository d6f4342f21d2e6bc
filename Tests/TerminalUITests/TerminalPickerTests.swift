import Foundation
import SessionActors
import Testing

@testable import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Terminal picker and prompt")
struct TerminalPickerTests {
    static let options = ["alpha", "bravo", "charlie", "delta"]

    @Test("arrow keys over a pseudo-terminal choose an option and the terminal is restored")
    func arrowKeysOverPty() async throws {
        let pty = try PseudoTerminal()
        let before = pty.localFlags
        #expect(before & tcflag_t(ICANON) != 0)
        let fd = pty.terminal
        let picker = Task {
            try await TerminalPicker.choose(title: "Pick a role", options: Self.options, input: fd, output: fd)
        }
        let firstDraw = await pty.readUntil("delta")
        #expect(firstDraw.contains("? Pick a role"))
        #expect(firstDraw.contains("> alpha"))
        #expect(pty.localFlags & tcflag_t(ICANON | ECHO) == 0)  // raw mode while choosing
        // Down, Down (application-mode form), Up, Down: lands on "charlie".
        pty.type("\u{1B}[B\u{1B}OB\u{1B}[A\u{1B}[B")
        _ = await pty.readUntil("> charlie")
        pty.type("\r")
        let index = try await picker.value
        #expect(index == 2)
        #expect(await pty.readUntil("Pick a role: charlie").contains("Pick a role: charlie"))
        #expect(pty.localFlags == before)
    }

    @Test("moving up from the first option wraps to the last")
    func wrapsAround() async throws {
        let pty = try PseudoTerminal()
        let fd = pty.terminal
        let picker = Task {
            try await TerminalPicker.choose(title: "Pick", options: Self.options, input: fd, output: fd)
        }
        _ = await pty.readUntil("delta")
        pty.type("\u{1B}[Ak\r")  // Up wraps to delta, k moves to charlie
        #expect(try await picker.value == 2)
    }

    @Test("Ctrl-C cancels the picker and restores the terminal")
    func controlC() async throws {
        let pty = try PseudoTerminal()
        let before = pty.localFlags
        let fd = pty.terminal
        let picker = Task {
            try await TerminalPicker.choose(title: "Pick", options: Self.options, input: fd, output: fd)
        }
        _ = await pty.readUntil("delta")
        pty.type("\u{1B}[B\u{03}")
        await #expect(throws: TerminalError.interrupted) { try await picker.value }
        #expect(pty.localFlags == before)
        #expect(await pty.readUntil("\u{1B}[?25h").contains("\u{1B}[?25h"))  // cursor shown again
    }

    @Test("a lone Escape cancels; an escape sequence (an unknown one, an arrow key) does not")
    func escapeKey() async throws {
        let pty = try PseudoTerminal()
        let before = pty.localFlags
        let fd = pty.terminal
        let picker = Task {
            try await TerminalPicker.choose(title: "Pick", options: Self.options, input: fd, output: fd)
        }
        _ = await pty.readUntil("delta")
        // F5 is swallowed whole and Down is a key, not an Escape: the picker is still there and moves.
        pty.type("\u{1B}[15~\u{1B}[B")
        let redrawn = await pty.readUntil("> bravo")
        #expect(redrawn.contains("> bravo"), "F5 or Down was taken for Escape: \(redrawn.debugDescription)")
        // The Escape key alone, with nothing after it, cancels.
        pty.type("\u{1B}")
        await #expect(throws: TerminalError.interrupted) { try await picker.value }
        #expect(pty.localFlags == before)
    }

    @Test("task cancellation stops waiting and restores the terminal")
    func taskCancellation() async throws {
        let pty = try PseudoTerminal()
        let before = pty.localFlags
        let fd = pty.terminal
        let picker = Task {
            try await TerminalPicker.choose(title: "Pick", options: Self.options, input: fd, output: fd)
        }
        _ = await pty.readUntil("delta")
        picker.cancel()
        await #expect(throws: TerminalError.cancelled) { try await picker.value }
        #expect(pty.localFlags == before)
    }

    @Test("without a terminal it reads numbered choices, re-asking after a bad answer")
    func numberedFallback() async throws {
        let (input, output) = try Self.pipes(input: "9\nx\n2\n")
        let index = try await TerminalPicker.choose(
            title: "Pick", options: Self.options, input: input.read, output: output.write)
        close(output.write)
        let text = Self.drain(output.read)
        #expect(index == 1)
        #expect(text.hasPrefix("Pick:\n  1) alpha\n  2) bravo\n  3) charlie\n  4) delta\n"))
        #expect(text.components(separatedBy: "Please enter a number from 1 to 4.").count == 3)
        close(input.read)
    }

    @Test("numbered fallback: empty answer takes the default, end of input is an error")
    func numberedDefaultsAndEnd() async throws {
        let (input, output) = try Self.pipes(input: "\n")
        #expect(
            try await TerminalPicker.choose(
                title: "Pick", options: Self.options, initialSelection: 3, input: input.read, output: output.write) == 3
        )
        await #expect(throws: TerminalError.endOfInput(question: "Pick")) {
            try await TerminalPicker.choose(
                title: "Pick", options: Self.options, input: input.read, output: output.write)
        }
        await #expect(throws: TerminalError.noOptions(question: "Pick")) {
            try await TerminalPicker.choose(title: "Pick", options: [], input: input.read, output: output.write)
        }
        for fd in [input.read, output.read, output.write] { close(fd) }
    }

    @Test("prompt returns the answer, the default for an empty line, and fails at end of input")
    func promptLines() async throws {
        let (input, output) = try Self.pipes(input: "  https://corp.awsapps.com/start  \n\n\nus-east-1\n")
        let url = try await TerminalPrompt.prompt(
            "SSO start URL", default: "https://old/start", input: input.read, output: output.write)
        let region = try await TerminalPrompt.prompt(
            "SSO region", default: "eu-west-1", input: input.read, output: output.write)
        let required = try await TerminalPrompt.prompt("Session name", input: input.read, output: output.write)
        await #expect(throws: TerminalError.endOfInput(question: "More")) {
            try await TerminalPrompt.prompt("More", input: input.read, output: output.write)
        }
        close(output.write)
        #expect(url == "https://corp.awsapps.com/start")
        #expect(region == "eu-west-1")
        #expect(required == "us-east-1")
        #expect(
            Self.drain(output.read)
                == "SSO start URL [https://old/start]: SSO region [eu-west-1]: Session name: An answer is required.\nSession name: More: \n"
        )
        close(input.read)
    }

    @Test("prompt over a pseudo-terminal reads an edited line")
    func promptOverPty() async throws {
        let pty = try PseudoTerminal()
        let fd = pty.terminal
        let answer = Task { try await TerminalPrompt.prompt("SSO region", default: "us-east-1", input: fd, output: fd) }
        _ = await pty.readUntil("SSO region [us-east-1]: ")
        pty.type("eu-west-9\u{7F}2\n")  // Backspace erases the 9
        #expect(try await answer.value == "eu-west-2")
    }

    @Test("key decoding and picker state without a terminal")
    func pureParts() {
        var decoder = KeyDecoder()
        let keys = Array("\u{1B}[A\u{1B}OB\u{1B}[H\u{1B}[1;5F\r\u{03}x\u{1B}[15~".utf8).compactMap { decoder.feed($0) }
        #expect(keys == [.up, .down, .home, .end, .enter, .interrupt, .character(UInt8(ascii: "x")), .ignored])
        var state = PickerState(count: 30, pageSize: 10, selected: 0)
        state.moveUp()
        #expect(state.selected == 29 && state.visible == 20..<30)
        state.moveDown()
        #expect(state.selected == 0 && state.visible == 0..<10)
        let lines = TerminalPicker.render(title: "T", options: (1...30).map(String.init), state: state)
        #expect(lines.count == 11 && lines[0].hasPrefix("? T [1/30]"))
    }

    static func pipes(input text: String) throws -> (
        input: (read: Int32, write: Int32), output: (read: Int32, write: Int32)
    ) {
        var inputEnds: [Int32] = [0, 0]
        var outputEnds: [Int32] = [0, 0]
        guard pipe(&inputEnds) == 0, pipe(&outputEnds) == 0 else { throw POSIXError(.EMFILE) }
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(inputEnds[1], $0.baseAddress, $0.count) }
        close(inputEnds[1])
        return ((inputEnds[0], inputEnds[1]), (outputEnds[0], outputEnds[1]))
    }

    static func drain(_ fd: Int32) -> String {
        String(decoding: FileHandle(fileDescriptor: fd, closeOnDealloc: false).readDataToEndOfFile(), as: UTF8.self)
    }
}
