import ArgumentParser
import Foundation
import SessionActors

/// `multisso credential-process --profile P`: the Version 1 JSON document for `credential_process = …`
/// in ~/.aws/config, so every AWS SDK and the AWS CLI can use multisso.
struct CredentialProcess: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credential-process",
        abstract: "Print a profile's credentials as a credential_process document (Version 1 JSON).",
        discussion: """
            Add to a profile in ~/.aws/config:  credential_process = multisso credential-process --profile NAME
            (NAME being an SSO profile, usually another one than the profile holding this line, since the
            AWS CLI prefers a profile's SSO keys to its credential_process).
            From a warm cache this only reads the config and one cache file. Otherwise it refreshes the
            token or fetches credentials as needed, but never starts an interactive login: when one is
            needed it fails at once with the command to run.
            """
    )

    @Option(name: .customLong("profile"), help: "The SSO profile whose credentials to print.")
    var profile: String?

    func run() async throws {
        let environment = AWSEnvironment.current()
        let console = Console(noColor: true, environment: environment.variables)
        do {
            let config = try AWSConfigFile.load(environment)
            let name = profile ?? environment.selectedProfileName ?? "default"
            let resolved = try config.ssoProfile(named: name)
            if let cached = CachedCredentialLookup.fresh(resolved, environment: environment) {
                console.out(CredentialDocument.process(cached))
                return
            }
            var options = SessionOptions(
                transport: URLSessionTransport(timeout: .seconds(30)), presenter: TerminalPresenter(console: console))
            options.loginPolicy = .never
            let directory = SessionDirectory(environment: environment, config: config, options: options)
            let credentials = try await directory.credentials(for: resolved)
            console.out(CredentialDocument.process(credentials))
        } catch {
            throw console.fail(error)
        }
    }
}

extension CredentialProcess {
    /// Prints the credentials of `credential-process [--profile NAME]` when they are fresh in the cache,
    /// without the argument parser; true when it did. Any other arguments, or anything that is not a
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
        let environment = AWSEnvironment.current()
        guard let config = try? AWSConfigFile.load(environment),
              let resolved = try? config.ssoProfile(named: profile ?? environment.selectedProfileName ?? "default"),
              let cached = CachedCredentialLookup.fresh(resolved, environment: environment)
        else { return false }
        Console(noColor: true, environment: environment.variables).out(CredentialDocument.process(cached))
        return true
    }
}
