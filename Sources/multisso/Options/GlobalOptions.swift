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

    @Option(name: .long, help: "Output format: text or json.")
    var output: OutputFormat = .text

    @Flag(name: .customLong("no-color"), help: "Never colour the output.")
    var noColor = false

    @Option(name: .customLong("timeout"), help: "Timeout of each network call, in seconds.")
    var timeoutSeconds: Double = 30

    /// The largest `--timeout`: a day (an unbounded value would overflow the clock arithmetic).
    static let maximumTimeoutSeconds: Double = 86_400

    func validate() throws {
        guard timeoutSeconds.isFinite, timeoutSeconds > 0, timeoutSeconds <= Self.maximumTimeoutSeconds else {
            throw ValidationError("--timeout must be a number of seconds above 0 and at most 86400")
        }
    }

    /// `--timeout` as a duration.
    var timeout: Duration { .milliseconds(Int64((timeoutSeconds * 1000).rounded(.up))) }
}

/// Flags of commands that may have to log in.
struct LoginFlowOptions: ParsableArguments {
    @Flag(name: .customLong("use-device-code"), help: "Log in with the device code flow (for machines without a browser).")
    var useDeviceCode = false

    @Flag(name: .customLong("no-browser"), help: "Do not open a browser; print the URL (and code) instead.")
    var noBrowser = false
}

/// Which profiles a command works on.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("profile"), help: "A profile to use (repeatable). Default: $AWS_PROFILE, else `default`.",
        completion: .ssoProfiles)
    var profiles: [String] = []

    @Option(name: .customLong("match"), help: "Profiles whose names match a shell glob, e.g. 'prod-*' (repeatable).",
        completion: .profileGlobs)
    var patterns: [String] = []

    @Option(name: .customLong("sso-session"), help: "Every profile of this [sso-session] (repeatable).",
        completion: .ssoSessions)
    var sessions: [String] = []

    @Flag(name: .long, help: "Every SSO profile in the config file.")
    var all = false
}
