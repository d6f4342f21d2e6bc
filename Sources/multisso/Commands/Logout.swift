import ArgumentParser
import Foundation
import SessionActors

/// `multisso logout`: revoke and delete tokens and the role credentials that came from them.
struct Logout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout",
        abstract: "Log out of one SSO session, or of all of them.",
        discussion: """
            With --sso-session (or --profile), revokes that login's token at the portal and deletes its \
            token files and the cached credentials of its profiles, and the assumed roles cached for the \
            role chains (role_arn + source_profile) rooted in it. --profile with a role chain logs out of \
            the login at its root (a chain rooted in static keys only loses its assumed roles). With --all \
            (or nothing), does what `aws sso logout` does: every token in ~/.aws/sso/cache is revoked and \
            deleted, and every SSO role credential file in ~/.aws/cli/cache is deleted; the assumed roles \
            of every chain rooted in SSO are deleted too. Client registrations are kept, unless the \
            service no longer knows them (then the next login registers a new client at once).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(
        name: .customLong("sso-session"), help: "The [sso-session] to log out of (repeatable).",
        completion: .ssoSessions)
    var sessions: [String] = []

    @Option(
        name: .customLong("profile"), help: "Log out of the login this profile (or role chain) uses (repeatable).",
        completion: .ssoProfiles)
    var profiles: [String] = []

    @Flag(name: .long, help: "Log out of every session (the default when nothing is named).")
    var all = false

    func validate() throws {
        if all && !(sessions.isEmpty && profiles.isEmpty) {
            throw ValidationError("--all cannot be combined with --sso-session or --profile")
        }
    }

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let total: LogoutResult
        do {
            total = try await runtime.withDirectory(loginPolicy: .never) { directory in
                try await directory.logout(sessions: sessions, profiles: profiles)
            }
        } catch {
            throw runtime.console.fail(error)
        }
        switch global.output {
        case .json:
            try runtime.printJSON(total)
        case .text:
            runtime.console.err(
                "Logged out: \(total.revoked.count) token(s) revoked, \(total.tokensDeleted) token file(s), "
                    + "\(total.credentialsDeleted) credential file(s) and \(total.assumedRolesDeleted) assumed-role file(s) deleted."
            )
            for token in total.notRevoked {
                runtime.console.err(
                    runtime.console.styled("Warning:", "1;33")
                        + " the token of \(token.startUrl) could not be revoked at the portal "
                        + "(\(token.reason)); its files are deleted, but it stays valid at the service until "
                        + "\(token.expiresAt.formatted(.iso8601)).")
            }
            if total.staleRegistrationsDeleted > 0 {
                runtime.console.err(
                    "Deleted \(total.staleRegistrationsDeleted) client registration(s) the service no longer knows; "
                        + "the next login registers a new client.")
            }
        }
    }
}
