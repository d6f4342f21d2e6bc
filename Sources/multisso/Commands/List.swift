import ArgumentParser
import Foundation
import SSOConfig
import SSOWire
import SessionActors

/// `multisso list`: the accounts and roles a portal shows you.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the accounts and roles visible on a portal.",
        discussion: """
            Uses the login of --sso-session, or of --profile (default: $AWS_PROFILE, else `default`); logs in \
            if needed. A role chain (role_arn + source_profile) lists the portal at its root. The role chains \
            rooted in the portal follow the accounts, each with its hops (`spoke ← hub (sso: corp)`); in \
            --output json they are under `roleChains` of the account they start from.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(name: .customLong("sso-session"), help: "The [sso-session] whose portal to list.", completion: .ssoSessions)
    var session: String?

    @Option(name: .customLong("profile"), help: "A profile whose portal to list.", completion: .ssoProfiles)
    var profile: String?

    @Flag(
        name: .customLong("no-roles"),
        help: "List accounts only (one request per page instead of one more per account).")
    var noRoles = false

    struct AccountEntry: Codable {
        var accountID: String
        var accountName: String
        var emailAddress: String?
        var roles: [String]?
        /// The role chains that start from a role of this account (their root profile's).
        var roleChains: [ChainEntry]?

        enum CodingKeys: String, CodingKey {
            case accountID = "accountId"
            case accountName, emailAddress, roles, roleChains
        }
    }

    func validate() throws {
        if session != nil && profile != nil {
            throw ValidationError("give either --sso-session or --profile, not both")
        }
    }

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        var entries: [AccountEntry]
        let chains: [RoleChain]
        do {
            (entries, chains) = try await runtime.withDirectory(loginPolicy: .interactive, flow: flow) { directory in
                let choice: PortalChoice
                if let session {
                    choice = .session(session)
                } else {
                    // A role chain lists the portal at its root.
                    let name = runtime.environment.profileName(profile)
                    choice = .profile(try Self.portalProfile(named: name, directory: directory).name)
                }
                let (portal, client) = try await directory.portal(choice)
                runtime.verbose("listing accounts on \(portal.key.startURL)")
                let accounts = try await directory.accounts(of: portal, client: client, withRoles: !noRoles)
                let entries = accounts.map {
                    AccountEntry(
                        accountID: $0.accountID, accountName: $0.accountName, emailAddress: $0.emailAddress,
                        roles: noRoles ? nil : $0.roles)
                }
                return (entries, directory.chains { $0.session.startURL == portal.key.startURL })
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw runtime.console.fail(error)
        }
        let unplaced = Self.attach(chains, to: &entries)
        switch global.output {
        case .json:
            for chain in unplaced {
                runtime.verbose("role chain \(chain.summary) starts from an account the portal does not list")
            }
            try runtime.printJSON(entries)
        case .text:
            var rows = [["ACCOUNT", "NAME", "EMAIL", "ROLES"]]
            for entry in entries {
                rows.append([
                    entry.accountID, entry.accountName, entry.emailAddress ?? "",
                    (entry.roles ?? []).joined(separator: ","),
                ])
            }
            runtime.console.out(SummaryTable.table(rows))
            if !chains.isEmpty { runtime.console.out("\n" + Self.chainTable(chains)) }
        }
    }
}
