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
        let directory = runtime.directory(loginPolicy: .interactive, flow: flow)
        let entries: [AccountEntry]
        do {
            let portal: PortalLogin
            let client: PortalClient
            if let session {
                let settings = try runtime.config.ssoSession(named: session)
                portal = try await directory.portal(forSession: settings)
                client = try directory.portalClient(for: nil, session: settings)
            } else {
                let name = profile ?? runtime.environment.selectedProfileName ?? "default"
                let resolved = try directory.profile(named: name)
                portal = await directory.portal(for: resolved)
                client = try directory.portalClient(for: resolved, session: resolved.session)
            }
            runtime.verbose("listing accounts on \(portal.key.startURL)")
            entries = try await Self.listAccounts(portal: portal, client: client, withRoles: !noRoles)
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

    /// Lists with the portal's token; a token the portal refuses (revoked or expired at the service
    /// before its cached expiry) is reported to the portal, renewed once, and the listing tried again.
    static func listAccounts(portal: PortalLogin, client: PortalClient, withRoles: Bool) async throws -> [AccountEntry] {
        let token = try await portal.accessToken()
        do {
            return try await listAccounts(client: client, accessToken: token, withRoles: withRoles)
        } catch let error as WireError where error.isUnauthorized {
            await portal.invalidate(accessToken: token)
            return try await listAccounts(client: client, accessToken: try await portal.accessToken(), withRoles: withRoles)
        }
    }

    /// Every account, and with `withRoles` every account's roles (fetched in parallel, 16 at a time).
    static func listAccounts(client: PortalClient, accessToken: String, withRoles: Bool) async throws -> [AccountEntry] {
        try await client.listAccountsWithRoles(accessToken: accessToken, withRoles: withRoles).map {
            AccountEntry(
                accountID: $0.accountID, accountName: $0.accountName, emailAddress: $0.emailAddress,
                roles: withRoles ? $0.roles : nil)
        }
    }
}
