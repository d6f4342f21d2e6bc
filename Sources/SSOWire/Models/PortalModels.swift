public import Foundation

/// Short-lived credentials for one account and role, from GetRoleCredentials.
public struct RoleCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String
    /// Converted from the wire's epoch milliseconds.
    public var expiration: Date

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String, expiration: Date) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    public var description: String {
        "RoleCredentials(accessKeyID: \(accessKeyID), secretAccessKey: <redacted>, sessionToken: <redacted>, expiration: \(expiration))"
    }
}

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
