import ArgumentParser
import ConfigureProfiles
import Foundation
import SSOConfig
import SessionActors

/// `multisso configure`: write profiles into ~/.aws/config, interactively (the default, as
/// `aws configure sso`) or for every account and role of a portal (`configure generate`).
struct Configure: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "configure",
        abstract: "Create SSO profiles: interactively, or one for every account and role of a portal.",
        subcommands: [ConfigureSSO.self, ConfigureGenerate.self],
        defaultSubcommand: ConfigureSSO.self
    )
}

/// `multisso configure [sso]`: the questions of `aws configure sso`, answered with the arrow keys.
struct ConfigureSSO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sso",
        abstract: "Create or update one profile interactively, as `aws configure sso` does.",
        discussion: """
            Asks for the SSO session name (and, for a new session, its start URL, SSO region and \
            registration scopes), logs in, lets you choose the account and the role with the arrow \
            keys, then asks for the default region, the output format and the profile name (suggested \
            as ACCOUNTID_ROLENAME). Writes an [sso-session] and a [profile] section; the rest of the \
            config file stays as it was. Questions go to standard error.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(name: .customLong("profile"), help: "The profile to create or update (not asked for then).")
    var profile: String?

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        do {
            let result = try await runtime.withDirectory(loginPolicy: .interactive, flow: flow) { directory in
                try await ConfigureWizard(directory: directory, profileName: profile).run()
            }
            var config = runtime.config
            config.document = result.document
            try config.save()
            runtime.verbose("wrote [profile \(result.profile)] to \(config.file.path)")
            if result.profile == "default" {
                runtime.console.err(
                    """

                    The AWS CLI is now configured to use the default profile.
                    Run the following command to verify your configuration:

                    aws sts get-caller-identity
                    """)
            } else {
                runtime.console.err(
                    """

                    To use this profile, specify the profile name using --profile, as shown:

                    aws sts get-caller-identity --profile \(result.profile)
                    """)
            }
        } catch {
            throw runtime.console.fail(error)
        }
    }
}
