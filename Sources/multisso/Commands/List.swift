import ArgumentParser
import Foundation
import SessionActors

/// `multisso list`: the accounts and roles a portal shows you.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the accounts and roles visible on a portal.",
        discussion: "Uses the login of --sso-session, or of --profile (default: $AWS_PROFILE, else `default`); logs in if needed."
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var flow: LoginFlowOptions

    @Option(name: .customLong("sso-session"), help: "The [sso-session] whose portal to list.", completion: .ssoSessions)
    var session: String?

    @Option(name: .customLong("profile"), help: "A profile whose portal to list.", completion: .ssoProfiles)
    var profile: String?

    @Flag(name: .customLong("no-roles"), help: "List accounts only (one request per page instead of one more per account).")
    var noRoles = false

    struct AccountEntry: Codable {
        var accountID: String
        var accountName: String
        var emailAddress: String?
        var roles: [String]?

        enum CodingKeys: String, CodingKey {
            case accountID = "accountId", accountName, emailAddress, roles
        }
    }

    func validate() throws {
        if session != nil && profile != nil { throw ValidationError("give either --sso-session or --profile, not both") }
    }

    func run() async throws {
        let runtime: Runtime
        do {
            runtime = try Runtime.load(global)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let entries: [AccountEntry]
        do {
            let choice: PortalChoice = session.map { .session($0) } ?? .profile(profile)
            let accounts = try await runtime.withDirectory(loginPolicy: .interactive, flow: flow) { directory in
                let (portal, client) = try await directory.portal(choice)
                runtime.verbose("listing accounts on \(portal.key.startURL)")
                return try await directory.accounts(of: portal, client: client, withRoles: !noRoles)
            }
            entries = accounts.map {
                AccountEntry(
                    accountID: $0.accountID, accountName: $0.accountName, emailAddress: $0.emailAddress,
                    roles: noRoles ? nil : $0.roles)
            }
        } catch {
            throw runtime.console.fail(error)
        }
        switch global.output {
        case .json:
            try runtime.printJSON(entries)
        case .text:
            var rows = [["ACCOUNT", "NAME", "EMAIL", "ROLES"]]
            for entry in entries {
                rows.append([entry.accountID, entry.accountName, entry.emailAddress ?? "", (entry.roles ?? []).joined(separator: ",")])
            }
            runtime.console.out(SummaryTable.table(rows))
        }
    }
}
