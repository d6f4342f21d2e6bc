public import FileStore
public import Foundation
import ParallelExec
import SSOConfig

/// Opens a URL in the user's browser the way Python's `webbrowser` (and so the AWS CLI) picks
/// one: each entry of `$BROWSER` (colon-separated; `%s` is replaced by the URL, otherwise the URL
/// is the only argument), then `xdg-open` (`wslview` first under WSL), or `open` on macOS. The
/// browser is started, not waited for. The environment is injected; nothing is read from the process.
public struct BrowserOpener: Sendable {
    public let environment: AWSEnvironment
    /// `--no-browser`: never open anything.
    public let disabled: Bool
    public let probe: SystemProbe

    public init(environment: AWSEnvironment, disabled: Bool, probe: SystemProbe = .live) {
        self.environment = environment
        self.disabled = disabled
        self.probe = probe
    }

    /// Starts the first candidate that can be started.
    /// - Returns: whether a browser command was launched (not whether a page appeared).
    public func open(_ url: URL) async -> Bool {
        guard !disabled else { return false }
        for command in commandLines(for: url) {
            guard let executable = probe.findExecutable(command[0], path: environment[variable: "PATH"]) else {
                continue
            }
            if await ProcessSpawner.spawnDetached(
                executable: executable, arguments: Array(command.dropFirst()), environment: environment.variables)
            {
                return true
            }
        }
        return false
    }

    /// The command lines tried, in order (executable first).
    public func commandLines(for url: URL) -> [[String]] {
        var commands: [[String]] = []
        let address = url.absoluteString
        if let browser = environment[variable: AWSEnvironment.Variable.browser] {
            for entry in browser.split(separator: ":", omittingEmptySubsequences: true) {
                let entry = String(entry)
                if entry.contains("%s") {
                    guard var words = CommandLineSplitter.split(entry), !words.isEmpty else { continue }
                    if words.last == "&" { words.removeLast() }
                    guard !words.isEmpty else { continue }
                    commands.append(
                        [words[0]] + words.dropFirst().map { $0.replacingOccurrences(of: "%s", with: address) })
                } else {
                    commands.append([entry, address])
                }
            }
        }
        #if os(macOS)
            commands.append(["/usr/bin/open", address])
        #else
            if probe.isWSL(environment.variables) { commands.append(["wslview", address]) }
            commands.append(["xdg-open", address])
        #endif
        return commands
    }

    /// Why no browser should be opened here, as a sentence the CLI prints, or nil.
    public var headlessReason: String? { Self.headlessReason(environment: environment, probe: probe) }

    /// Why no browser should be opened here, as a sentence the CLI prints, or nil: an SSH session
    /// without DISPLAY/WAYLAND_DISPLAY, WSL with no way to reach the Windows browser, or a container
    /// without a display. An explicit `$BROWSER` always wins.
    public static func headlessReason(environment: AWSEnvironment, probe: SystemProbe = .live) -> String? {
        if environment[variable: AWSEnvironment.Variable.browser] != nil { return nil }
        let variables = environment.variables
        let hasDisplay = environment[variable: "DISPLAY"] != nil || environment[variable: "WAYLAND_DISPLAY"] != nil
        let isSSH = ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"].contains { environment[variable: $0] != nil }
        if isSSH && !hasDisplay {
            return "This is an SSH session without a display (DISPLAY and WAYLAND_DISPLAY are not set), "
                + "so no browser can be opened here; open the URL on a machine with a browser."
        }
        if probe.isWSL(variables) {
            let path = environment[variable: "PATH"]
            if probe.findExecutable("wslview", path: path) == nil && probe.findExecutable("xdg-open", path: path) == nil
            {
                return
                    "This is WSL without a way to start the Windows browser (install wslu for wslview, or set BROWSER); "
                    + "open the URL in a browser yourself."
            }
            return nil
        }
        if probe.isContainer(variables) && !hasDisplay {
            return "This is a container without a display, so no browser can be opened here; "
                + "open the URL on the host."
        }
        return nil
    }
}
