/// `shlex.split(text)` (POSIX mode, no comments), which botocore uses to read section names such as
/// `[profile "my team"]`; and the inverse, quoting a name so that `shlex.split` gives it back.
enum ShellWords {
    private static let whitespace: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n"]
    private static let quotes: Set<Unicode.Scalar> = ["'", "\""]

    private enum State: Equatable {
        case between
        case word
        case quoted(Unicode.Scalar)
        case escaped(returnTo: EscapeReturn)
    }

    private enum EscapeReturn: Equatable {
        case word
        case doubleQuote
    }

    /// Splits like `shlex.split`; nil where Python raises `ValueError` (unclosed quote, trailing backslash).
    static func split(_ text: String) -> [String]? {
        if let plain = splitPlain(text) { return plain }
        var tokens: [String] = []
        var token = String.UnicodeScalarView()
        var quoted = false
        var state = State.between
        for scalar in text.unicodeScalars {
            switch state {
            case .between:
                if whitespace.contains(scalar) { continue }
                if scalar == "\\" {
                    state = .escaped(returnTo: .word)
                } else if quotes.contains(scalar) {
                    state = .quoted(scalar)
                } else {
                    token.append(scalar)
                    state = .word
                }
            case .word:
                if whitespace.contains(scalar) {
                    tokens.append(String(token))
                    token = String.UnicodeScalarView()
                    quoted = false
                    state = .between
                } else if quotes.contains(scalar) {
                    state = .quoted(scalar)
                } else if scalar == "\\" {
                    state = .escaped(returnTo: .word)
                } else {
                    token.append(scalar)
                }
            case .quoted(let quote):
                quoted = true
                if scalar == quote {
                    state = .word
                } else if scalar == "\\", quote == "\"" {
                    state = .escaped(returnTo: .doubleQuote)
                } else {
                    token.append(scalar)
                }
            case .escaped(let returnTo):
                if returnTo == .doubleQuote, scalar != "\"", scalar != "\\" {
                    token.append("\\")
                }
                token.append(scalar)
                state = returnTo == .word ? .word : .quoted("\"")
            }
        }
        switch state {
        case .quoted, .escaped:
            return nil
        case .word:
            tokens.append(String(token))
        case .between:
            if quoted { tokens.append(String(token)) }
        }
        return tokens
    }

    /// The common case, every section header of a large config: no quote and no backslash, so the
    /// words are the runs between whitespace. Split on the UTF-8 bytes (whitespace, quotes and the
    /// backslash are ASCII, so never part of a multi-byte scalar); nil when the slow path is needed.
    private static func splitPlain(_ text: String) -> [String]? {
        let bytes = text.utf8
        guard !bytes.contains(where: { $0 == 0x22 || $0 == 0x27 || $0 == 0x5C }) else { return nil }
        return bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A })
            .map { String(Substring($0)) }
    }

    /// Quotes `word` so that `split` returns it as one token: bare when it is plain, in single
    /// quotes when it has no single quote, otherwise in double quotes with `"` and `\` escaped.
    static func quote(_ word: String) -> String {
        let special: Set<Unicode.Scalar> = whitespace.union(quotes).union(["\\"])
        if !word.isEmpty, !word.unicodeScalars.contains(where: { special.contains($0) }) { return word }
        if !word.unicodeScalars.contains("'") { return "'\(word)'" }
        var escaped = ""
        for scalar in word.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { escaped.unicodeScalars.append("\\") }
            escaped.unicodeScalars.append(scalar)
        }
        return "\"\(escaped)\""
    }
}
