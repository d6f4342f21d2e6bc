import FileStore
import Foundation
import SSOConfig
import SSOWire
import SessionActors
import TerminalUI

/// What every command starts from: the environment, the parsed config file, the console, and a way to
/// build the session directory with the command's login policy.
struct Runtime: Sendable {
    let environment: AWSEnvironment
    let config: AWSConfigFile
    let console: Console
    let global: GlobalOptions
    /// HTTPS_PROXY, HTTP_PROXY and NO_PROXY as botocore reads them.
    let proxies: ProxySettings
    /// The profiles whose `ca_bundle` the run's transport trusts (see ``trusting(_:)``).
    var trustedProfiles: [String] = []
    /// The CA bundle of ``trustedProfiles`` once ``trusting(_:)`` resolved it (AWS_CA_BUNDLE or a
    /// profile's ca_bundle; a nil bundle inside: the system's roots), which the directory's scope then
    /// takes instead of reading and parsing the file again.
    var caBundle: NetworkOptions.ResolvedCABundle?

    /// Reads the environment (with its proxy variables) and the config file; nothing else is touched.
    /// With `trustingActiveProfile`, the CA bundle (AWS_CA_BUNDLE, else the active profile's `ca_bundle`)
    /// is read too: for commands that name no profiles. The others call ``trusting(_:)`` once they know
    /// their profiles, so the bundle is read once, and only by commands that make requests.
    static func load(_ global: GlobalOptions, trustingActiveProfile: Bool = true) throws -> Runtime {
        let environment = AWSEnvironment.current()
        let console = Console(noColor: global.noColor, environment: environment.variables)
        let proxies = try ProxySettings(environment: environment.variables)
        let config = try AWSConfigFile.load(environment)
        let runtime = Runtime(
            environment: environment, config: config, console: console, global: global, proxies: proxies)
        if !proxies.isEmpty { runtime.verbose("proxies from the environment: \(proxies)") }
        for section in config.ignoredSections {
            runtime.verbose(
                "\(config.file.path):\(section.line): [\(section.header)] is ignored, as botocore and the AWS CLI ignore it "
                    + "(the header must be two words: quote a name with spaces, e.g. [profile \"my team\"])")
        }
        guard trustingActiveProfile else { return runtime }
        return try runtime.trusting([environment.profileName(nil)])
    }

    /// This runtime with the CA bundle of a run that uses `profiles` (AWS_CA_BUNDLE wins over their
    /// `ca_bundle` keys); `-v` names the bundle.
    /// - Throws: ``CABundleError`` when the file cannot be used or the profiles name different files.
    func trusting(_ profiles: [String]) throws(CABundleError) -> Runtime {
        var runtime = self
        runtime.trustedProfiles = profiles
        let bundle = try CABundleSetting.resolve(environment: environment, config: config, profiles: profiles)
        runtime.caBundle = .init(bundle)
        if let bundle, bundle != caBundle?.bundle { verbose("TLS trusts only the CA bundle \(bundle)") }
        return runtime
    }

    /// Logs a line to standard error with `-v`; callers never pass a secret.
    func verbose(_ message: @autoclosure () -> String) {
        if global.verbose { console.err(console.styled("multisso: ", "2") + message()) }
    }

    /// Runs `body` with the directory of actors for this run, with the command's login policy; the
    /// directory's HTTP clients are shut down when `body` ends (see `withSessionDirectory`).
    func withDirectory<Result>(
        loginPolicy: LoginPolicy, flow: LoginFlowOptions? = nil, events: ProgressSink = .none,
        credentialMargins: ExpiryMargins = .roleCredentials,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SessionDirectory) async throws -> Result
    ) async throws -> Result {
        var options = SessionOptions(presenter: TerminalPresenter(console: console))
        options.network = NetworkOptions(timeout: global.timeout, trustedProfiles: trustedProfiles)
        options.network.resolvedCABundle = caBundle
        options.loginPolicy = loginPolicy
        if loginPolicy == .interactive, let prompter = MFACodePrompter.forTerminal() {
            options.mfaPrompter = { serial in try await prompter.code(for: serial) }
        }
        options.useDeviceCode = flow?.useDeviceCode ?? false
        options.noBrowser = flow?.noBrowser ?? false
        options.events = events
        options.credentialMargins = credentialMargins
        return try await withSessionDirectory(environment: environment, config: config, options: options, body)
    }

    /// The profiles a selection names; failures to resolve are reported and returned separately.
    func select(_ selection: SelectionOptions) throws -> (
        profiles: [SSOProfile], failures: [(profile: String, error: ConfigError)]
    ) {
        try select(
            ProfileSelection(
                names: selection.profiles, patterns: selection.patterns, sessions: selection.sessions,
                all: selection.all))
    }

    /// The profiles a selection names; failures to resolve are returned separately.
    func select(_ selection: ProfileSelection) throws -> (
        profiles: [SSOProfile], failures: [(profile: String, error: ConfigError)]
    ) {
        try selection.resolve(in: config, environment: environment)
    }

    /// The SSO profiles and role chains a selection names; failures to resolve are returned separately.
    func selectWithChains(_ selection: SelectionOptions) throws
        -> (profiles: [SSOProfile], chains: [RoleChain], failures: [(profile: String, error: ConfigError)])
    {
        try ProfileSelection(
            names: selection.profiles, patterns: selection.patterns, sessions: selection.sessions, all: selection.all
        ).resolveWithChains(in: config, environment: environment)
    }

    /// The SSO profiles and role chains a selection names, in one list in the selection's order; failures
    /// to resolve are returned separately.
    func selectCredentials(_ selection: SelectionOptions) throws
        -> (profiles: [ProfileCredentials], failures: [(profile: String, error: ConfigError)])
    {
        try ProfileSelection(
            names: selection.profiles, patterns: selection.patterns, sessions: selection.sessions, all: selection.all
        ).resolveCredentials(in: config, environment: environment)
    }

    /// Encodes `value` as pretty, key-sorted JSON with ISO 8601 dates, for `--output json`.
    func printJSON<T: Encodable>(_ value: T) throws {
        printJSON(data: try PrettyReportJSON.encoder().encode(value))
    }

    /// Prints a document already encoded as ``printJSON(_:)`` encodes (a report's `prettyJSON()`).
    func printJSON(data: Data) {
        // The encoders write UTF-8: the bytes as they are, without two copies through a string.
        console.out(bytes: data)
        console.out("\n")
    }
}
