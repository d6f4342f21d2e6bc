import Foundation
import SSOEmulator
import TestSupport

/// A throw-away HOME for running the built `multisso configure` against an in-process emulator:
/// both SSO endpoints point at the emulator, and `BROWSER` is a script that plays the person at the
/// browser (scripts/demo-browser: it follows the authorization URL, which the emulator approves and
/// redirects to the loopback listener).
struct ConfigureSandbox: EmulatorSandbox {
    let sandboxHome: SandboxHome
    let emulator: RunningEmulator

    init(home: SandboxHome, emulator: RunningEmulator) {
        sandboxHome = home
        self.emulator = emulator
    }

    var home: URL { sandboxHome.home }
    var configFile: URL { sandboxHome.configFile }

    func writeConfig(_ text: String) throws {
        try sandboxHome.writeConfig(text)
    }

    func config() throws -> String {
        try sandboxHome.config()
    }

    var environment: [String: String] {
        [
            "HOME": home.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "AWS_ENDPOINT_URL_SSO": emulator.baseURL.absoluteString,
            "AWS_ENDPOINT_URL_SSO_OIDC": emulator.baseURL.absoluteString,
            "BROWSER": TestBinaries.browserScript.path,
            "TERM": "xterm",
            "NO_COLOR": "1",
        ]
    }

    /// The exit status and both outputs of one run.
    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
    }

    /// Runs `multisso ARGS` to the end, its outputs going to files (a diff of hundreds of profiles
    /// would fill a pipe nobody reads).
    func run(_ arguments: [String]) async throws -> Result {
        let result = await (try start(arguments, streams: .files)).wait(timeout: .seconds(120))
        guard !result.timedOut else { throw POSIXError(.ETIMEDOUT) }
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Starts `multisso ARGS` on a pseudo-terminal (standard input, output and error).
    func start(_ arguments: [String], terminal: ConfigureTerminal) throws -> ChildRun {
        try start(arguments, streams: .terminal(terminal.terminal))
    }

    private func start(_ arguments: [String], streams: ChildStreams) throws -> ChildRun {
        try ChildRun(
            try TestBinaries.multisso(), arguments, environment: environment, in: home,
            name: "multisso-\(UUID().uuidString.prefix(8))", streams: streams)
    }

    /// Waits for the child, at most `timeout`; its exit status (128 + signal when killed).
    static func waitForExit(_ child: ChildRun, timeout: Duration = .seconds(120)) async throws -> Int32 {
        let result = await child.wait(timeout: timeout)
        guard !result.timedOut else { throw POSIXError(.ETIMEDOUT) }
        return result.status
    }
}
