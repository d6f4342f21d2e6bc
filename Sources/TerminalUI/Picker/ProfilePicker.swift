public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// `multisso pick`: an instant, fuzzy-filtered list of the profiles on a terminal. Typing filters,
/// Up/Down move, Backspace deletes, Enter chooses, Escape or Ctrl-C leaves. The terminal is in raw
/// mode only while it runs and the list is erased afterwards; it is drawn on `output` (standard
/// error) so that standard output carries only the chosen name.
public enum ProfilePicker {
    /// Runs the picker. `expiry` reads a row's credentials' expiry; it is called once per row, only
    /// for rows shown. `complete`, when given, is called once after the first frame is drawn and
    /// gives the full list of rows (replacing `entries` when they differ), or nil to leave at once.
    /// - Returns: the chosen profile, or nil when the person left without choosing.
    /// - Throws: `TerminalError.notATerminal`-like `.ioFailed` when the descriptors are not a terminal,
    ///   `.endOfInput`, `.cancelled`.
    public static func run(
        entries: [PickerEntry], history: PickHistory, now: Date, colour: Bool,
        expiry: ((PickerEntry) -> Date?)? = nil, complete: (() -> [PickerEntry]?)? = nil, input: Int32 = 0,
        output: Int32 = 2
    ) async throws(TerminalError) -> String? {
        guard TerminalIO.isTerminal(input), TerminalIO.isTerminal(output) else {
            throw .ioFailed(operation: "pick needs a terminal (isatty)", errno: ENOTTY)
        }
        var model = ProfilePickerModel(entries: entries, history: history, now: now, expiry: expiry)
        let size = terminalSize(output)
        let screen = PickerScreen(width: size.columns, height: size.rows, colour: colour)
        return try await RawMode.with(input) { () throws(TerminalError) -> String? in
            try TerminalIO.write(ANSI.hideCursor, to: output)
            defer { try? TerminalIO.write(ANSI.showCursor, to: output) }
            var drawn = 0
            var completed = false
            var decoder = KeyDecoder()
            while true {
                model.lookUpExpiry(screen.visible(model))
                let lines = screen.lines(model)
                let frame = "\r" + ANSI.up(drawn) + ANSI.clearToEnd + lines.joined(separator: "\r\n")
                try TerminalIO.write(frame, to: output)
                drawn = lines.count - 1
                if let complete, !completed {
                    completed = true
                    guard let full = complete() else {
                        try? TerminalIO.write("\r" + ANSI.up(drawn) + ANSI.clearToEnd, to: output)
                        return nil
                    }
                    model.replace(full)
                    model.lookUpExpiry(screen.visible(model))
                    if screen.lines(model) != lines { continue }
                }
                let key = try await decoder.readKey(input)
                switch key {
                case .up: model.moveUp()
                case .down: model.moveDown()
                case .character(0x7F), .character(0x08): model.backspace()
                case .character(let byte) where byte >= 0x20 && byte < 0x7F: model.type(byte)
                case .enter:
                    try? TerminalIO.write("\r" + ANSI.up(drawn) + ANSI.clearToEnd, to: output)
                    if let entry = model.selectedEntry { return entry.profile }
                    return nil
                case .interrupt, .escape, .endOfInput:
                    try? TerminalIO.write("\r" + ANSI.up(drawn) + ANSI.clearToEnd, to: output)
                    return nil
                default: continue
                }
            }
        }
    }

    /// The terminal's size, 80 × 24 when it cannot be asked.
    static func terminalSize(_ descriptor: Int32) -> (columns: Int, rows: Int) {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return (80, 24) }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
