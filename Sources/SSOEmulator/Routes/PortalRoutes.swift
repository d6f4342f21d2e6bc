import Foundation
import Hummingbird

/// The SSO portal API at the root path: GetRoleCredentials, ListAccounts, ListAccountRoles, Logout.
/// Every call is authorised by the `x-amz-sso_bearer_token` header and sees only its token's portal.
struct PortalRoutes: Sendable {
    let core: EmulatorCore

    func add(to router: Router<EmulatorRequestContext>) {
        let gate = OperationGate(core: core)
        router.get("/federation/credentials") { request, context in
            try await gate.run(.getRoleCredentials, context: context) { try await getRoleCredentials(request) }
        }
        router.get("/assignment/accounts") { request, context in
            try await gate.run(.listAccounts, context: context) { try await listAccounts(request) }
        }
        router.get("/assignment/roles") { request, context in
            try await gate.run(.listAccountRoles, context: context) { try await listAccountRoles(request) }
        }
        router.post("/logout") { request, context in
            try await gate.run(.logout, context: context) { try await logout(request) }
        }
    }

    private func portal(for request: Request) async throws(ServiceFailure) -> EmulatorPortal {
        guard let token = request.headers[.ssoBearerToken], !token.isEmpty,
            let name = await core.identity.portal(forAccessToken: token, now: core.now()),
            let portal = await core.portal(named: name)
        else {
            throw ServiceFailure(.unauthorized, "Session token not found or invalid")
        }
        return portal
    }

    private func query(_ request: Request, _ name: String) -> String? {
        request.uri.queryParameters[name[...]].map(String.init)
    }

    private func unassigned() async -> ServiceFailure {
        let forbidden = await core.knobs.configuration.forbiddenForUnassigned
        return forbidden ? ServiceFailure(.forbidden, "No access") : ServiceFailure(.resourceNotFound, "No access")
    }

    private struct RoleCredentialsOutput: Encodable {
        struct Credentials: Encodable {
            var accessKeyId: String
            var secretAccessKey: String
            var sessionToken: String
            var expiration: Int64
        }
        var roleCredentials: Credentials
    }

    func getRoleCredentials(_ request: Request) async throws -> Response {
        guard let roleName = query(request, "role_name") else { throw ServiceFailure.missing("roleName") }
        guard let accountID = query(request, "account_id") else { throw ServiceFailure.missing("accountId") }
        let portal = try await portal(for: request)
        guard let account = portal.account(accountID), account.roles.contains(roleName) else {
            throw await unassigned()
        }
        let ttl = await core.knobs.configuration.credentialTTL
        let expiration = core.now().addingTimeInterval(ttl.timeInterval).timeIntervalSince1970
        await core.counters.recordRoleCredentials(portalName: portal.name, accountID: accountID, roleName: roleName)
        let credential = IssuedCredential(
            accessKeyID: Secrets.accessKeyID(), secretAccessKey: Secrets.secretAccessKey(),
            sessionToken: Secrets.sessionToken(), portalName: portal.name, accountID: accountID,
            roleName: roleName, expiresAt: Date(timeIntervalSince1970: expiration), origin: .roleCredentials)
        await core.identity.noteSecret(credential.secretAccessKey)
        await core.identity.noteSecret(credential.sessionToken)
        await core.federation.record(credential)
        await core.issued.register(
            IssuedCredentialStore.Record(
                accessKeyID: credential.accessKeyID, secretAccessKey: credential.secretAccessKey,
                sessionToken: credential.sessionToken, expiration: credential.expiresAt, accountID: accountID,
                roleName: roleName, sessionName: "emulator-user", assumed: false))
        return JSONReply.make(
            json: RoleCredentialsOutput(
                roleCredentials: .init(
                    accessKeyId: credential.accessKeyID, secretAccessKey: credential.secretAccessKey,
                    sessionToken: credential.sessionToken, expiration: Int64((expiration * 1000).rounded(.down))
                )
            )
        )
    }

    private struct AccountListOutput: Encodable {
        struct Account: Encodable {
            var accountId: String
            var accountName: String
            var emailAddress: String
        }
        var accountList: [Account]
        var nextToken: String?
    }

    func listAccounts(_ request: Request) async throws -> Response {
        let portal = try await portal(for: request)
        let page = try await Pagination.page(
            total: portal.accounts.count, request: request, scope: "accounts|\(portal.name)",
            defaultSize: core.knobs.configuration.pageSize
        )
        let accounts = portal.accounts[page.range].map {
            AccountListOutput.Account(
                accountId: $0.accountID, accountName: $0.accountName, emailAddress: $0.emailAddress)
        }
        return JSONReply.make(json: AccountListOutput(accountList: accounts, nextToken: page.nextToken))
    }

    private struct RoleListOutput: Encodable {
        struct Role: Encodable {
            var roleName: String
            var accountId: String
        }
        var roleList: [Role]
        var nextToken: String?
    }

    func listAccountRoles(_ request: Request) async throws -> Response {
        guard let accountID = query(request, "account_id") else { throw ServiceFailure.missing("accountId") }
        let portal = try await portal(for: request)
        guard let account = portal.account(accountID) else { throw await unassigned() }
        let page = try await Pagination.page(
            total: account.roles.count, request: request, scope: "roles|\(portal.name)|\(accountID)",
            defaultSize: core.knobs.configuration.pageSize
        )
        let roles = account.roles[page.range].map { RoleListOutput.Role(roleName: $0, accountId: accountID) }
        return JSONReply.make(json: RoleListOutput(roleList: roles, nextToken: page.nextToken))
    }

    func logout(_ request: Request) async throws -> Response {
        guard let token = request.headers[.ssoBearerToken], !token.isEmpty,
            await core.identity.logout(accessToken: token, now: core.now())
        else {
            throw ServiceFailure(.unauthorized, "Session token not found or invalid")
        }
        var headers = HTTPFields()
        headers[.contentLength] = "0"
        headers[.amznRequestID] = UUID().uuidString.lowercased()
        return Response(status: .ok, headers: headers)
    }
}

/// `max_result` and `next_token` of the list operations. Tokens are opaque to clients and bound to
/// the list they came from; a token from another list or a forged one is InvalidRequestException.
enum Pagination {
    struct Page {
        var range: Range<Int>
        var nextToken: String?
    }

    static func page(total: Int, request: Request, scope: String, defaultSize: Int) throws(ServiceFailure) -> Page {
        let parameters = request.uri.queryParameters
        var size = defaultSize
        if let text = parameters["max_result"] {
            guard let value = Int(text), (1...100).contains(value) else {
                throw ServiceFailure(
                    .invalidRequest,
                    "1 validation error detected: Value '\(text)' at 'maxResults' failed to satisfy constraint: "
                        + "Member must have value between 1 and 100"
                )
            }
            size = value
        }
        var start = 0
        if let token = parameters["next_token"] {
            guard let offset = decode(String(token), scope: scope), offset <= total else {
                throw ServiceFailure(.invalidRequest, "Invalid nextToken provided")
            }
            start = offset
        }
        let end = min(total, start + size)
        return Page(range: start..<end, nextToken: end < total ? encode(offset: end, scope: scope) : nil)
    }

    static func encode(offset: Int, scope: String) -> String {
        Secrets.base64URLEncoded(Data("v1|\(scope)|\(offset)".utf8))
    }

    static func decode(_ token: String, scope: String) -> Int? {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        let prefix = "v1|\(scope)|"
        guard text.hasPrefix(prefix), let offset = Int(text.dropFirst(prefix.count)), offset > 0 else { return nil }
        return offset
    }
}
