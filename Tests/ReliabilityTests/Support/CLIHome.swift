import Foundation
import SSOEmulator
import TestSupport

/// A throw-away HOME for `multisso` processes: a config with one `[sso-session]` per emulator
/// portal and one profile per (account, role), both SSO endpoints at the emulator, and a "browser"
/// that follows the authorization URL (retrying like a person would when the page fails to load), so
/// the real PKCE flow runs end to end with nobody at the keyboard.
struct CLIHome: EmulatorSandbox {
    let sandboxHome: SandboxHome
    let emulator: RunningEmulator
    private(set) var profileNames: [String] = []

    init(home: SandboxHome, emulator: RunningEmulator) throws {
        sandboxHome = home
        self.emulator = emulator
        try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
    }

    var root: URL { sandboxHome.root }
    var home: URL { sandboxHome.home }
    var ssoCache: URL { sandboxHome.ssoCache }
    var cliCache: URL { sandboxHome.cliCache }
    var configFile: URL { sandboxHome.configFile }
    var outputFolder: URL { root.appendingPathComponent("output", isDirectory: true) }

    /// `$BROWSER`: follows the authorization URL and its redirect to multisso's loopback listener; a
    /// failed page load (an injected 500, a dropped connection) is retried, as a person would reload
    /// the page. A command line rather than a script written here: a script written by this
    /// multi-threaded runner can be inherited open for writing by a child forked meanwhile, and then
    /// fails to start with ETXTBSY ("No browser could be started").
    static let browserCommand =
        "curl -sS -f -L -o /dev/null --max-time 30 --retry 10 --retry-all-errors --retry-delay 0 %s"

    /// The environment of every child: nothing from the test runner's own AWS settings.
    var environment: [String: String] {
        [
            "HOME": home.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "NO_COLOR": "1",
            "BROWSER": Self.browserCommand,
            "AWS_ENDPOINT_URL_SSO": emulator.baseURL.absoluteString,
            "AWS_ENDPOINT_URL_SSO_OIDC": emulator.baseURL.absoluteString,
        ]
    }

    /// Writes one `[sso-session]` per portal and up to `perPortal` profiles per portal, plus `extra`.
    mutating func writeConfig(perPortal: Int = .max, extra: String = "") throws {
        profileNames = try sandboxHome.write(
            SandboxConfig(emulator.portals, perPortal: perPortal), header: "# written by the reliability tests\n",
            extra: extra)
    }

    /// Starts `multisso arguments` in this HOME. Under a sanitizer build (every process several times
    /// slower), `MULTISSO_CHILD_TIMEOUT` gives each child a longer network timeout unless the test sets one.
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ChildRun {
        var arguments = arguments
        if let timeout = ProcessInfo.processInfo.environment["MULTISSO_CHILD_TIMEOUT"],
            !arguments.contains("--timeout"),
            !arguments.isEmpty
        {
            arguments.insert(contentsOf: ["--timeout", timeout], at: 1)
        }
        return try ChildRun(
            try TestBinaries.multisso(), arguments, environment: environment.merging(extra) { $1 }, in: outputFolder,
            name: UUID().uuidString)
    }

    /// Runs `multisso arguments` in this HOME to the end (killed after `timeout`).
    func run(
        _ arguments: [String], environment extra: [String: String] = [:], timeout: Duration = .seconds(180)
    ) async throws -> RunResult {
        try await start(arguments, environment: extra).wait(timeout: timeout)
    }
}
