import Foundation
import SSOEmulator

/// A throw-away HOME for running the built `multisso configure` against an in-process emulator:
/// both SSO endpoints point at the emulator, and `BROWSER` is a script that plays the person at the
/// browser (scripts/demo-browser: it follows the authorization URL, which the emulator approves and
/// redirects to the loopback listener).
struct ConfigureSandbox {
    let home: URL
    let emulator: RunningEmulator

    init(emulator: RunningEmulator) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("multisso-cli-configure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        self.emulator = emulator
    }

    var configFile: URL { home.appendingPathComponent(".aws/config") }

    func writeConfig(_ text: String) throws {
        try Data(text.utf8).write(to: configFile)
    }

    func config() throws -> String {
        String(decoding: try Data(contentsOf: configFile), as: UTF8.self)
    }

    func remove() {
        try? FileManager.default.removeItem(at: home)
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
        let out = home.appendingPathComponent("stdout-\(UUID().uuidString)")
        let err = home.appendingPathComponent("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        let process = try makeProcess(arguments)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        let status = try await Self.waitForExit(process)
        try outHandle.close()
        try errHandle.close()
        return Result(
            status: status, stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Starts `multisso ARGS` on a pseudo-terminal (standard input, output and error).
    func start(_ arguments: [String], terminal: ConfigureTerminal) throws -> Process {
        let process = try makeProcess(arguments)
        let handle = FileHandle(fileDescriptor: terminal.terminal, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    private func makeProcess(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = try TestBinaries.multisso()
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = home
        return process
    }

    /// Waits for the process without holding a thread (the emulator shares the pool), at most 120 s.
    static func waitForExit(_ process: Process, timeout: Duration = .seconds(120)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                throw POSIXError(.ETIMEDOUT)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }
}
