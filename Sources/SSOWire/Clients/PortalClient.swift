public import AWSFormats
public import Foundation

/// The SSO portal API (`sso`): role credentials and the account/role directory of a signed-in
/// user. Every call carries the access token in the `x-amz-sso_bearer_token` header (not
/// `Authorization`), and never in a URL or an error.
public struct PortalClient: Sendable {
    public let endpoint: URL
    private let rest: RestJSONEndpoint
    /// Applied to every page of ``listAllAccounts(accessToken:)`` and ``listAllAccountRoles(accessToken:accountID:)``.
    private let pageRetry: RetryPolicy

    /// The largest page the service allows (`max_result` 1–100).
    public static let maxPageSize = 100
    /// A listing that needs more pages than this is treated as a broken pagination loop.
    public static let maxPages = 10_000

    /// - Parameters:
    ///   - endpoint: e.g. ``SSOEndpoints/portal(region:)`` or an override; its path is kept as a prefix.
    ///   - transport: the HTTP seam.
    ///   - timeout: the deadline of each request; nil uses the transport's.
    ///   - pageRetry: retries for each page of the `listAll…` calls (single calls are not retried).
    public init(
        endpoint: URL, transport: any HTTPTransport, timeout: Duration? = nil,
        pageRetry: RetryPolicy = RetryPolicy(), userAgent: String = "multisso"
    ) {
        self.endpoint = endpoint
        self.rest = RestJSONEndpoint(endpoint: endpoint, transport: transport, timeout: timeout, userAgent: userAgent)
        self.pageRetry = pageRetry
    }

    /// `GET /federation/credentials?role_name=…&account_id=…`.
    public func getRoleCredentials(
        accessToken: String, accountID: String, roleName: String
    ) async throws(WireError) -> RoleCredentials {
        let operation = "GetRoleCredentials"
        let data = try await rest.call(
            operation: operation, method: "GET", path: "/federation/credentials",
            query: PercentEncoding.query([("role_name", roleName), ("account_id", accountID)]),
            headers: bearer(accessToken)
        )
        // The usual answer read from its bytes; anything unusual goes through JSONDecoder and its errors.
        let credentials: GetRoleCredentialsResponse.Credentials
        if let scanned = RoleCredentialsBodyScanner.scan(data) {
            credentials = scanned
        } else {
            credentials = try rest.decode(GetRoleCredentialsResponse.self, from: data, operation: operation)
                .roleCredentials
        }
        return RoleCredentials(
            accessKeyID: credentials.accessKeyId,
            secretAccessKey: credentials.secretAccessKey,
            sessionToken: credentials.sessionToken,
            expiration: Date(timeIntervalSince1970: credentials.expiration / 1000)
        )
    }

    /// `GET /assignment/accounts`: one page.
    public func listAccounts(
        accessToken: String, nextToken: String?, maxResults: Int?
    ) async throws(WireError) -> (accounts: [AccountInfo], nextToken: String?) {
        let operation = "ListAccounts"
        let data = try await rest.call(
            operation: operation, method: "GET", path: "/assignment/accounts",
            query: PercentEncoding.query([("max_result", maxResults.map(String.init)), ("next_token", nextToken)]),
            headers: bearer(accessToken)
        )
        let wire = try rest.decode(ListAccountsResponse.self, from: data, operation: operation)
        let accounts = (wire.accountList ?? []).map {
            AccountInfo(
                accountID: $0.accountId, accountName: $0.accountName ?? $0.accountId, emailAddress: $0.emailAddress)
        }
        return (accounts, Self.continuation(wire.nextToken))
    }

    /// Every account, following `nextToken` until the last page.
    public func listAllAccounts(accessToken: String) async throws(WireError) -> [AccountInfo] {
        try await paginate(operation: "ListAccounts") { token throws(WireError) in
            try await listAccounts(accessToken: accessToken, nextToken: token, maxResults: Self.maxPageSize)
        }
    }

    /// `GET /assignment/roles?account_id=…`: one page.
    public func listAccountRoles(
        accessToken: String, accountID: String, nextToken: String?, maxResults: Int?
    ) async throws(WireError) -> (roles: [RoleInfo], nextToken: String?) {
        let operation = "ListAccountRoles"
        let data = try await rest.call(
            operation: operation, method: "GET", path: "/assignment/roles",
            query: PercentEncoding.query([
                ("account_id", accountID), ("max_result", maxResults.map(String.init)), ("next_token", nextToken),
            ]),
            headers: bearer(accessToken)
        )
        let wire = try rest.decode(ListAccountRolesResponse.self, from: data, operation: operation)
        let roles = (wire.roleList ?? []).map { RoleInfo(roleName: $0.roleName, accountID: $0.accountId ?? accountID) }
        return (roles, Self.continuation(wire.nextToken))
    }

    /// Every role of an account, following `nextToken` until the last page.
    public func listAllAccountRoles(accessToken: String, accountID: String) async throws(WireError) -> [RoleInfo] {
        try await paginate(operation: "ListAccountRoles") { token throws(WireError) in
            try await listAccountRoles(
                accessToken: accessToken, accountID: accountID, nextToken: token, maxResults: Self.maxPageSize
            )
        }
    }

    /// `POST /logout` with an empty body: invalidates the access token on the service.
    public func logout(accessToken: String) async throws(WireError) {
        _ = try await rest.call(
            operation: "Logout", method: "POST", path: "/logout", headers: bearer(accessToken), emptyBody: true
        )
    }

    private func bearer(_ accessToken: String) -> [(String, String)] {
        [("x-amz-sso_bearer_token", accessToken)]
    }

    private func paginate<Item: Sendable>(
        operation: String,
        _ page: (String?) async throws(WireError) -> ([Item], String?)
    ) async throws(WireError) -> [Item] {
        var items: [Item] = []
        var token: String?
        var seen: Set<String> = []
        for _ in 0..<Self.maxPages {
            let (pageItems, next) = try await pageRetry.run { () async throws(WireError) in try await page(token) }
            items += pageItems
            guard let next else { return items }
            guard seen.insert(next).inserted else {
                throw .invalidResponse(
                    operation: operation, reason: "the service repeated a nextToken (pagination loop)")
            }
            token = next
        }
        throw .invalidResponse(operation: operation, reason: "more than \(Self.maxPages) pages")
    }

    /// An absent, null or empty `nextToken` ends the listing.
    private static func continuation(_ token: String?) -> String? {
        guard let token, !token.isEmpty else { return nil }
        return token
    }
}

/// `GetRoleCredentials`' answer (also what ``RoleCredentialsBodyScanner`` reads).
struct GetRoleCredentialsResponse: Decodable, Equatable {
    struct Credentials: Decodable, Equatable {
        var accessKeyId: String
        var secretAccessKey: String
        var sessionToken: String
        var expiration: Double
    }
    var roleCredentials: Credentials
}

private struct ListAccountsResponse: Decodable {
    struct Account: Decodable {
        var accountId: String
        var accountName: String?
        var emailAddress: String?
    }
    var nextToken: String?
    var accountList: [Account]?
}

private struct ListAccountRolesResponse: Decodable {
    struct Role: Decodable {
        var roleName: String
        var accountId: String?
    }
    var nextToken: String?
    var roleList: [Role]?
}
