/// One account the portal shows you, with the roles (permission sets) assigned to you in it: what
/// `multisso list` prints and what `multisso configure` writes profiles for.
public struct PortalAccount: Sendable, Hashable, Codable {
    public var accountID: String
    public var accountName: String
    public var emailAddress: String?
    /// The role names, sorted; empty when the roles were not listed.
    public var roles: [String]

    public init(accountID: String, accountName: String, emailAddress: String?, roles: [String]) {
        self.accountID = accountID
        self.accountName = accountName
        self.emailAddress = emailAddress
        self.roles = roles
    }

    /// How the AWS CLI shows an account in `aws configure sso`: "NAME, EMAIL (ID)".
    public var displayName: String {
        if let emailAddress, !emailAddress.isEmpty { return "\(accountName), \(emailAddress) (\(accountID))" }
        return "\(accountName) (\(accountID))"
    }
}

extension PortalClient {
    /// Every account the token sees (ListAccounts, all pages), sorted by account ID, and with
    /// `withRoles` each account's roles (ListAccountRoles, all pages), fetched `concurrency` accounts
    /// at a time, each call retried by `retry` when the service throttles or fails.
    /// - Throws: `WireError` from the first call that fails for good; `CancellationError` when cancelled.
    public func listAccountsWithRoles(
        accessToken: String, withRoles: Bool = true, concurrency: Int = 16, retry: RetryPolicy = RetryPolicy()
    ) async throws -> [PortalAccount] {
        let accounts = try await retry.run { () async throws(WireError) -> [AccountInfo] in
            try await listAllAccounts(accessToken: accessToken)
        }.sorted { $0.accountID < $1.accountID }
        guard withRoles else {
            return accounts.map {
                PortalAccount(
                    accountID: $0.accountID, accountName: $0.accountName, emailAddress: $0.emailAddress, roles: [])
            }
        }
        var roles: [String: [String]] = [:]
        try await withThrowingTaskGroup(of: (String, [String]).self) { group in
            var next = 0
            func addNext() {
                guard next < accounts.count else { return }
                let accountID = accounts[next].accountID
                next += 1
                group.addTask {
                    let list = try await retry.run { () async throws(WireError) -> [RoleInfo] in
                        try await listAllAccountRoles(accessToken: accessToken, accountID: accountID)
                    }
                    return (accountID, list.map(\.roleName).sorted())
                }
            }
            for _ in 0..<min(max(1, concurrency), accounts.count) { addNext() }
            while let (accountID, names) = try await group.next() {
                roles[accountID] = names
                addNext()
            }
        }
        return accounts.map {
            PortalAccount(
                accountID: $0.accountID, accountName: $0.accountName, emailAddress: $0.emailAddress,
                roles: roles[$0.accountID] ?? [])
        }
    }
}
