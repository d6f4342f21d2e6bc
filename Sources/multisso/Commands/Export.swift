import AWSFormats
import ArgumentParser
import Foundation
import SSOConfig
import SessionActors

/// The formats `multisso export` writes.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case env, fish, powershell, json, credentials
}

/// `multisso export`: a profile's credentials for a shell, a script or a credentials file.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print a profile's credentials as shell variables, JSON or a credentials-file section.",
        discussion: """
            Example: eval "$(multisso export --profile prod)". Logs in first when needed. \
            --format credentials --write (with --profile, --match, --sso-session or --all) writes the selected \
            profiles' credentials into the shared credentials file ($AWS_SHARED_CREDENTIALS_FILE, default \
            ~/.aws/credentials) for tools that cannot use SSO profiles, in one atomic write: only sections \
            marked `multisso_managed = true` are added, replaced or pruned (expired or no longer selected); \
            every other byte stays. Exit status 1 when some profiles got no credentials (the others are written).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(
        name: .customLong("profile"), help: "The SSO or role-chain profile (default: $AWS_PROFILE, else `default`).",
        completion: .ssoProfiles)
    var profile: String?

    @Option(
        name: .customLong("format"),
        help: "env (the default), fish, powershell, json (credential_process document) or credentials.")
    var formatOption: ExportFormat?

    /// `--format`; `--output json` alone means `--format json`.
    var format: ExportFormat { formatOption ?? (global.output == .json ? .json : .env) }

    func validate() throws {
        if global.outputOption == .json, let formatOption, formatOption != .json {
            throw ValidationError(
                "--output json and --format \(formatOption.rawValue) contradict each other; give one of them")
        }
        try write.validate(format: format)
    }

    @OptionGroup var write: CredentialsFileOptions

    func run() async throws {
        if write.write { return try await runWrite() }
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let credentials: RoleCredentials
        let region: String?
        let name = runtime.environment.profileName(profile)
        do {
            let resolved = try runtime.config.credentials(forProfile: name)
            region = resolved.region
            if let cached = CachedCredentialLookup.fresh(resolved, environment: runtime.environment) {
                credentials = cached
            } else {
                credentials = try await runtime.trusting([name]).withDirectory(loginPolicy: .interactive, flow: flow) {
                    directory in
                    try await directory.credentials(for: resolved)
                }
            }
        } catch {
            throw runtime.console.fail(error)
        }
        let text: String =
            switch format {
            case .env: CredentialDocument.env(credentials, region: region)
            case .fish: CredentialDocument.fish(credentials, region: region)
            case .powershell: CredentialDocument.powershell(credentials, region: region)
            case .json: CredentialDocument.process(credentials)
            case .credentials: CredentialDocument.credentialsFile(credentials, profile: name)
            }
        runtime.console.out(text)
    }
}
