import AWSFormats
import ArgumentParser
import FileStore
import Foundation
import SSOConfig
import SSOWire
import SessionActors

/// `multisso credential-process --profile P`: the Version 1 JSON document for `credential_process = …`
/// in ~/.aws/config, so every AWS SDK and the AWS CLI can use multisso.
struct CredentialProcess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential-process",
        abstract: "Print a profile's credentials as a credential_process document (Version 1 JSON).",
        discussion: """
            Add to a profile in ~/.aws/config:  credential_process = multisso credential-process --profile NAME \
            (NAME being an SSO profile or a role chain (role_arn + source_profile), usually another one than \
            the profile holding this line, since the AWS CLI prefers a profile's SSO and role keys to its \
            credential_process). It never prompts: a role with mfa_serial fails with what to run instead. \
            From a warm cache this only reads the config and one cache file. Otherwise it refreshes the \
            token or fetches credentials as needed, but never starts an interactive login: when one is \
            needed it fails at once with the command to run (or, with --wait-for-login, waits that long \
            for a login in another process, e.g. a `multisso login` started at the same time).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("profile"), help: "The SSO or role-chain profile whose credentials to print.",
        completion: .ssoProfiles)
    var profile: String?

    @Option(
        name: .customLong("wait-for-login"),
        help:
            "When a login is needed, wait up to this many seconds for another process to log in (default 0: fail at once)."
    )
    var waitForLoginSeconds: Double = 0

    func validate() throws {
        try global.refuse(
            output: true, noColor: true,
            because:
                "credential-process always prints the credential_process JSON document the SDKs read, without colour")
        guard waitForLoginSeconds.isFinite, (0...86_400).contains(waitForLoginSeconds) else {
            throw ValidationError("--wait-for-login must be between 0 and 86400 seconds")
        }
    }

    func run() async throws {
        let environment = AWSEnvironment.current()
        let console = Console(noColor: true, environment: environment.variables)
        let isVerbose = global.verbose
        let verbose: @Sendable (String) -> Void = { line in if isVerbose { console.err("multisso: " + line) } }
        do {
            let config = try AWSConfigFile.load(environment)
            let name = environment.profileName(profile)
            let resolved = try config.credentials(forProfile: name)
            if let cached = CachedCredentialLookup.fresh(resolved, environment: environment) {
                verbose("profile \(name): fresh credentials in the cache, no network call")
                console.out(CredentialDocument.process(cached))
                return
            }
            var options = SessionOptions(presenter: TerminalPresenter(console: console))
            options.network = NetworkOptions(timeout: global.timeout, trustedProfiles: [name])
            options.loginPolicy = .never
            options.commandName = "multisso credential-process"
            let wait = Duration.milliseconds(Int64(waitForLoginSeconds * 1000))
            let credentials = try await withSessionDirectory(environment: environment, config: config, options: options)
            { directory in
                if !directory.proxies.isEmpty { verbose("proxies from the environment: \(directory.proxies)") }
                if let caBundle = directory.caBundle { verbose("TLS trusts only the CA bundle \(caBundle)") }
                verbose("profile \(name): fetching credentials (network timeout \(global.timeoutSeconds) s)")
                return try await directory.credentials(for: resolved, waitingForLogin: wait) { portal in
                    verbose("no valid token for \(portal) yet; waiting for a login in another process")
                }
            }
            console.out(CredentialDocument.process(credentials))
        } catch {
            throw console.fail(error)
        }
    }
}

extension CredentialProcess {
    /// Prints the credentials of `credential-process [--profile NAME]` when they are fresh in the cache,
    /// without the argument parser; true when it did. An SSO profile is resolved from its own sections
    /// only (``ConfigExcerpt``), anything else from the whole file. Any other arguments, or anything that is not a
    /// plain cache hit (no cache file, stale credentials, a config error), returns false and the
    /// regular command runs and reports it.
    static func answerFromWarmCache(_ arguments: [String]) -> Bool {
        guard arguments.first == "credential-process" else { return false }
        var profile: String?
        switch arguments.count {
        case 1:
            break
        case 2 where arguments[1].hasPrefix("--profile="):
            profile = String(arguments[1].dropFirst("--profile=".count))
        case 3 where arguments[1] == "--profile" && !arguments[2].hasPrefix("-"):
            profile = arguments[2]
        default:
            return false
        }
        switch lookUpFromPlainConfig(profile: profile) {
        case .fresh(let cached):
            Console.write(CredentialDocument.process(cached), to: STDOUT_FILENO)
            return true
        case .notFresh:
            // The plain reading resolves as the full one does: the other readings would find the same file.
            return false
        case .declined:
            break
        }
        let environment = AWSEnvironment.current()
        let name = environment.profileName(profile)
        let cached: RoleCredentials
        if let sso = ConfigExcerpt.ssoProfile(named: name, environment: environment) {
            // Only the profile's own sections were read; a cache miss goes to the regular command.
            guard let fresh = CachedCredentialLookup.fresh(sso, environment: environment) else { return false }
            cached = fresh
        } else {
            guard let config = try? AWSConfigFile.load(environment),
                let resolved = try? config.credentials(forProfile: name),
                let fresh = CachedCredentialLookup.fresh(resolved, environment: environment)
            else { return false }
            cached = fresh
        }
        Console(noColor: true, environment: environment.variables).out(CredentialDocument.process(cached))
        return true
    }

    /// What the plain reading found in the cache for the profile.
    private enum PlainLookup {
        /// The plain reading does not answer for this config or environment: the general readings decide.
        case declined
        /// The profile resolved, and its cache file holds no fresh credentials: the regular command fetches.
        case notFresh
        case fresh(RoleCredentials)
    }

    /// The cached credentials of a profile ``ConfigExcerpt/plainSSOProfile(named:configPath:variable:)``
    /// reads, found with `getenv` and paths as strings: no `ProcessInfo.environment` dictionary and no
    /// `URL` path building, whose first use costs more than the rest of the lookup. The names and paths
    /// are `AWSEnvironment`'s; a `~` in `AWS_CONFIG_FILE`, or no `HOME`, leaves it to the general path.
    private static func lookUpFromPlainConfig(profile: String?) -> PlainLookup {
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        func nonEmpty(_ name: String) -> String? { variable(name).flatMap { $0.isEmpty ? nil : $0 } }
        typealias Name = AWSEnvironment.Variable
        guard let home = nonEmpty(Name.home) else { return .declined }
        let configPath = nonEmpty(Name.configFile) ?? home + "/.aws/config"
        guard !configPath.hasPrefix("~") else { return .declined }
        let name = profile ?? nonEmpty(Name.profile) ?? nonEmpty(Name.defaultProfile) ?? "default"
        guard let plain = ConfigExcerpt.plainSSOProfile(named: name, configPath: configPath, variable: variable)
        else { return .declined }
        return CachedCredentialLookup.fresh(plain, cacheDirectory: home + "/.aws/cli/cache").map { .fresh($0) }
            ?? .notFresh
    }
}
