/// Asks the user to pick one of several options, for the interactive `multisso configure`.
///
/// On a terminal it draws the list and lets the user move with Up/Down (or `k`/`j`, Home/End)
/// and confirm with Enter; Ctrl-C, Escape or `q` cancel. The terminal is switched to raw mode
/// for the duration and restored on every path (answer, cancel, error, task cancellation), and
/// the cursor is shown again. When input or output is not a terminal (a pipe, a file, a test),
/// it prints numbered options and reads a number per line instead.
public enum TerminalPicker {
    /// Asks for one option.
    /// - Parameters:
    ///   - title: the question, e.g. "Choose an account".
    ///   - options: what to choose from, as shown to the user.
    ///   - initialSelection: the option selected at first (and taken on an empty numbered answer).
    ///   - pageSize: how many options are visible at once on a terminal.
    ///   - input: the descriptor keys are read from (usually 0).
    ///   - output: the descriptor the list is drawn on (usually 1 or 2).
    /// - Returns: the index of the chosen option.
    /// - Throws: `TerminalError.interrupted` (Ctrl-C, Escape, `q`), `.endOfInput`, `.noOptions`,
    ///   `.cancelled` or `.ioFailed`.
    public static func choose(
        title: String, options: [String], initialSelection: Int = 0, pageSize: Int = 10,
        input: Int32 = 0, output: Int32 = 1
    ) async throws(TerminalError) -> Int {
        guard !options.isEmpty else { throw .noOptions(question: title) }
        if TerminalIO.isTerminal(input) && TerminalIO.isTerminal(output) {
            var state = PickerState(count: options.count, pageSize: pageSize, selected: initialSelection)
            return try await RawMode.with(input) { () throws(TerminalError) -> Int in
                try await chooseWithKeys(title: title, options: options, state: &state, input: input, output: output)
            }
        }
        return try await chooseByNumber(
            title: title, options: options, defaultIndex: min(max(0, initialSelection), options.count - 1),
            input: input, output: output
        )
    }

    private static func chooseWithKeys(
        title: String, options: [String], state: inout PickerState, input: Int32, output: Int32
    ) async throws(TerminalError) -> Int {
        try TerminalIO.write(ANSI.hideCursor, to: output)
        defer { try? TerminalIO.write(ANSI.showCursor, to: output) }
        var drawn = 0
        var decoder = KeyDecoder()
        while true {
            let lines = render(title: title, options: options, state: state)
            try TerminalIO.write(
                (drawn > 0 ? ANSI.up(drawn) : "") + lines.map { ANSI.clearLine + $0 + "\n" }.joined(), to: output)
            drawn = lines.count
            let key = try await decoder.readKey(input)
            switch key {
            case .up, .character(UInt8(ascii: "k")): state.moveUp()
            case .down, .character(UInt8(ascii: "j")): state.moveDown()
            case .home, .character(UInt8(ascii: "g")): state.moveToFirst()
            case .end, .character(UInt8(ascii: "G")): state.moveToLast()
            case .enter:
                try TerminalIO.write(
                    ANSI.up(drawn) + ANSI.clearToEnd + "\(title): \(options[state.selected])\n", to: output)
                return state.selected
            case .interrupt, .escape, .character(UInt8(ascii: "q")):
                try? TerminalIO.write(ANSI.up(drawn) + ANSI.clearToEnd, to: output)
                throw .interrupted
            case .endOfInput:
                try? TerminalIO.write(ANSI.up(drawn) + ANSI.clearToEnd, to: output)
                throw .endOfInput(question: title)
            default: continue
            }
        }
    }

    /// The lines drawn for a state: the title (with the position when the list scrolls), then
    /// the visible options, the selected one marked with `>` and shown in bold.
    static func render(title: String, options: [String], state: PickerState) -> [String] {
        let position = options.count > state.pageSize ? " [\(state.selected + 1)/\(options.count)]" : ""
        var lines = ["? \(title)\(position)  (↑/↓ to move, Enter to choose, Ctrl-C to cancel)"]
        for index in state.visible {
            lines.append(
                index == state.selected ? "\(ANSI.bold)> \(options[index])\(ANSI.reset)" : "  \(options[index])")
        }
        return lines
    }

    private static func chooseByNumber(
        title: String, options: [String], defaultIndex: Int, input: Int32, output: Int32
    ) async throws(TerminalError) -> Int {
        var listing = "\(title):\n"
        for (index, option) in options.enumerated() {
            listing += "  \(index + 1)) \(option)\n"
        }
        try TerminalIO.write(listing, to: output)
        while true {
            try TerminalIO.write("Enter a number [1-\(options.count), default \(defaultIndex + 1)]: ", to: output)
            guard let line = try await TerminalIO.readLine(input) else { throw .endOfInput(question: title) }
            let answer = line.trimmingWhitespace()
            if answer.isEmpty { return defaultIndex }
            if let number = Int(answer), (1...options.count).contains(number) { return number - 1 }
            try TerminalIO.write("Please enter a number from 1 to \(options.count).\n", to: output)
        }
    }
}

/// The few ANSI sequences the interactive questions use.
enum ANSI {
    static let hideCursor = "\u{1B}[?25l"
    static let showCursor = "\u{1B}[?25h"
    static let clearLine = "\u{1B}[2K"
    static let clearToEnd = "\u{1B}[J"
    static let bold = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"
    static func up(_ lines: Int) -> String { lines > 0 ? "\u{1B}[\(lines)A" : "" }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
