public import FileStore
import SSOConfig

/// Opens console links in a browser, one after another: with a ``ConsoleBrowserTemplate`` when one is
/// set, else the way the login opens its page (`$BROWSER`, `xdg-open`, `open`). Commands are started
/// from an argument vector, never through a shell, and not waited for.
public struct ConsoleOpener: Sendable {
    public let environment: AWSEnvironment
    public let probe: SystemProbe

    public init(environment: AWSEnvironment, probe: SystemProbe = .live) {
        self.environment = environment
        self.probe = probe
    }

    /// Starts the browser for one link.
    /// - Throws: ``ConsoleError/browserNotStarted(profile:command:)`` naming the command (never the URL).
    public func open(_ link: ConsoleLink, template: ConsoleBrowserTemplate?) async throws(ConsoleError) {
        guard let template else {
            guard await BrowserOpener(environment: environment, disabled: false, probe: probe).open(link.url) else {
                throw .browserNotStarted(profile: link.profile, command: "$BROWSER, xdg-open or open")
            }
            return
        }
        let arguments = template.arguments(for: link)
        guard let command = arguments.first,
            let executable = probe.findExecutable(command, path: environment[variable: "PATH"]),
            await ProcessSpawner.spawnDetached(
                executable: executable, arguments: Array(arguments.dropFirst()), environment: environment.variables)
        else {
            throw .browserNotStarted(profile: link.profile, command: template.words.first ?? "")
        }
    }
}
