import ArgumentParser

/// The flags of `export --format credentials --write`: which profiles go into the shared credentials
/// file and under which names.
struct CredentialsFileOptions: ParsableArguments {
    @Flag(name: .long, help: "With --format credentials: write the selected profiles into the shared credentials file.")
    var write = false

    @Option(
        name: .customLong("match"), help: "With --write: profiles whose names match a shell glob (repeatable).",
        completion: .profileGlobs)
    var patterns: [String] = []

    @Option(
        name: .customLong("sso-session"), help: "With --write: every profile of this [sso-session] (repeatable).",
        completion: .ssoSessions)
    var sessions: [String] = []

    @Flag(name: .long, help: "With --write: every SSO profile.")
    var all = false

    @Option(
        name: .customLong("name-template"),
        help:
            "With --write: section names from {profile}, {account_id}, {role_name}, {sso_session} (default {profile}).")
    var nameTemplate: String?

    func validate(format: ExportFormat) throws {
        if write && format != .credentials { throw ValidationError("--write needs --format credentials") }
        if !write && (all || !patterns.isEmpty || !sessions.isEmpty || nameTemplate != nil) {
            throw ValidationError("--all, --match, --sso-session and --name-template need --format credentials --write")
        }
    }
}
