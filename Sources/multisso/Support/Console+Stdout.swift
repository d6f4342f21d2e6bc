extension Console {
    /// Wraps `text` in an ANSI style when colour is on and standard output is a terminal (``styled(_:_:)``
    /// decides for standard error).
    func styledOut(_ text: String, _ code: String) -> String {
        colour && stdoutIsTerminal ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
