/// Asks for one line of text with an optional default, for the interactive `multisso configure`
/// (e.g. `SSO start URL [https://example.awsapps.com/start]: `).
///
/// The terminal stays in its normal line mode (the user can edit with Backspace; Ctrl-C is the
/// usual interrupt), so there is no terminal state to restore; input that is not a terminal is
/// read the same way, one line per question, without reading ahead.
public enum TerminalPrompt {
    /// Asks a question and returns the answer, trimmed.
    /// - Parameters:
    ///   - label: the question, e.g. "SSO start URL".
    ///   - defaultValue: returned for an empty answer, shown in brackets; nil to require an answer.
    ///   - input: the descriptor the answer is read from (usually 0).
    ///   - output: the descriptor the question is written to (usually 1 or 2).
    /// - Returns: the answer, or the default for an empty line.
    /// - Throws: `TerminalError.endOfInput` when input ends first, `.cancelled`, `.ioFailed`.
    public static func prompt(
        _ label: String, default defaultValue: String? = nil, input: Int32 = 0, output: Int32 = 1
    ) async throws(TerminalError) -> String {
        let question = defaultValue.map { "\(label) [\($0)]: " } ?? "\(label): "
        while true {
            try TerminalIO.write(question, to: output)
            guard let line = try await TerminalIO.readLine(input) else {
                if !TerminalIO.isTerminal(input) { try TerminalIO.write("\n", to: output) }
                throw .endOfInput(question: label)
            }
            let answer = line.trimmingWhitespace()
            if !answer.isEmpty { return answer }
            if let defaultValue { return defaultValue }
            try TerminalIO.write("An answer is required.\n", to: output)
        }
    }
}
