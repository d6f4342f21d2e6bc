import AWSFormats
import ArgumentParser
import Foundation
import SSOConfig
import SessionActors

/// `multisso shell-use --shell SH [--env] PROFILE`: what the `msso` function of `shell-init` evaluates.
/// It makes sure the profile has credentials without a person (from the cache, else with the token or
/// its refresh token) and prints the shell code that switches to it. Exit 4 (nothing printed) when only
/// a login would do: the function then logs in when it runs at a terminal.
struct ShellUse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell-use",
        abstract: "Print shell code that switches to a profile (used by the function of `shell-init`).",
        shouldDisplay: false
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "bash, zsh or fish.")
    var shell: ShellKind

    @Flag(name: .long, help: "Export the credentials themselves instead of setting AWS_PROFILE.")
    var env = false

    @Argument(help: "The SSO profile.", completion: .ssoProfiles)
    var profile: String

    func run() async throws {
        let runtime = try Runtime.loadReporting(global)
        let assignments: ShellAssignments
        do {
            let resolved = try runtime.config.ssoProfile(named: profile)
            var credentials = CachedCredentialLookup.fresh(resolved, environment: runtime.environment)
            if credentials == nil {
                credentials = try await runtime.trusting([profile]).withDirectory(loginPolicy: .never) { directory in
                    try await directory.credentials(for: resolved)
                }
            }
            guard let credentials else { return }
            if env {
                assignments = .env(profile, credentials: credentials)
            } else {
                let token = ReadinessCheck.assess(resolved, environment: runtime.environment).tokenExpiresAt
                assignments = .profile(profile, expires: max(token ?? .distantPast, credentials.expiration))
            }
        } catch {
            throw runtime.console.fail(error)
        }
        runtime.console.out(assignments.render(for: shell))
    }
}
