import Foundation

/// One account the signed-in user can reach, from ListAccounts.
public struct AccountInfo: Sendable, Hashable, Codable {
    public var accountID: String
    public var accountName: String
    public var emailAddress: String?

    public init(accountID: String, accountName: String, emailAddress: String?) {
        self.accountID = accountID
        self.accountName = accountName
        self.emailAddress = emailAddress
    }
}

/// One role the signed-in user can assume in an account, from ListAccountRoles.
public struct RoleInfo: Sendable, Hashable, Codable {
    public var roleName: String
    public var accountID: String

    public init(roleName: String, accountID: String) {
        self.roleName = roleName
        self.accountID = accountID
    }
}
