/// Asks the person for MFA codes on the terminal for role chains with `mfa_serial`: once per device
/// for the life of a run (every hop that names the device gets the same code), one question at a time.
public actor MFACodePrompter {
    private let input: Int32
    private let output: Int32
    private var answers: [String: Task<String, any Error>] = [:]
    private var lastQuestion: Task<String, any Error>?

    public init(input: Int32 = 0, output: Int32 = 2) {
        self.input = input
        self.output = output
    }

    /// A prompter on standard input and error when standard input is a terminal, else nil.
    public static func forTerminal() -> MFACodePrompter? {
        TerminalIO.isTerminal(0) ? MFACodePrompter() : nil
    }

    /// The code for the device `serial`, asked for the first time it is needed.
    public func code(for serial: String) async throws -> String {
        if let answer = answers[serial] { return try await answer.value }
        let previous = lastQuestion
        let input = self.input
        let output = self.output
        let question = Task<String, any Error> {
            _ = try? await previous?.value
            return try await TerminalPrompt.prompt("Enter MFA code for \(serial)", input: input, output: output)
        }
        answers[serial] = question
        lastQuestion = question
        return try await question.value
    }
}
