import ArgumentParser

/// How a command reports: text for people or JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}

/// Flags every command shares.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Explain what is being done (never prints a secret).")
    var verbose = false

    @Option(name: .customLong("output"), help: "Output format: text or json.")
    var outputOption: OutputFormat?

    @Flag(name: .customLong("no-color"), help: "Never colour the output.")
    var noColor = false

    @Option(name: .customLong("timeout"), help: "Timeout of each network call, in seconds (default 30).")
    var timeoutOption: Double?

    /// `--output`, text when not given.
    var output: OutputFormat { outputOption ?? .text }

    /// `--timeout`, 30 s when not given.
    var timeoutSeconds: Double { timeoutOption ?? 30 }

    /// The largest `--timeout`: a day (an unbounded value would overflow the clock arithmetic).
    static let maximumTimeoutSeconds: Double = 86_400

    func validate() throws {
        guard timeoutSeconds.isFinite, timeoutSeconds > 0, timeoutSeconds <= Self.maximumTimeoutSeconds else {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400")
        }
    }

    /// Refuses the shared options a command has no use for, so that none is silently ignored.
    func refuse(timeout: Bool = false, output: Bool = false, noColor: Bool = false, because reason: String) throws {
        let given = [
            (timeout && timeoutOption != nil, "--timeout"), (output && outputOption != nil, "--output"),
            (noColor && self.noColor, "--no-color"),
        ].filter(\.0).map(\.1)
        guard let first = given.first else { return }
        throw ValidationError("\(first) does not apply: \(reason)")
    }

    /// `--timeout` as a duration.
    var timeout: Duration { .milliseconds(Int64((timeoutSeconds * 1000).rounded(.up))) }
}

/// Flags of commands that may have to log in.
struct LoginFlowOptions: ParsableArguments {
    @Flag(
        name: .customLong("use-device-code"), help: "Log in with the device code flow (for machines without a browser)."
    )
    var useDeviceCode = false

    @Flag(name: .customLong("no-browser"), help: "Do not open a browser; print the URL (and code) instead.")
    var noBrowser = false
}

/// Which profiles a command works on.
struct SelectionOptions: ParsableArguments {
    @Option(
        name: .customLong("profile"),
        help:
            "A profile to use (repeatable). With no selection at all: $AWS_PROFILE, else `default` (status: every SSO profile).",
        completion: .ssoProfiles)
    var profiles: [String] = []

    @Option(
        name: .customLong("match"), help: "Profiles whose names match a shell glob, e.g. 'prod-*' (repeatable).",
        completion: .profileGlobs)
    var patterns: [String] = []

    @Option(
        name: .customLong("sso-session"), help: "Every profile of this [sso-session] (repeatable).",
        completion: .ssoSessions)
    var sessions: [String] = []

    @Flag(name: .long, help: "Every SSO profile in the config file (and every role chain, for login, exec and status).")
    var all = false
}
