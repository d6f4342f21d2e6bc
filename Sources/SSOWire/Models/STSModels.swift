public import Foundation

/// The parameters of one `AssumeRole` call.
public struct AssumeRoleParameters: Sendable, Hashable {
    public var roleARN: String
    public var sessionName: String
    public var externalID: String?
    public var durationSeconds: Int?
    /// The MFA device and its current code.
    public var serialNumber: String?
    public var tokenCode: String?

    public init(
        roleARN: String, sessionName: String, externalID: String? = nil, durationSeconds: Int? = nil,
        serialNumber: String? = nil, tokenCode: String? = nil
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
        self.serialNumber = serialNumber
        self.tokenCode = tokenCode
    }
}

/// The answer of `AssumeRole`: temporary credentials and the assumed-role user.
public struct AssumedRole: Sendable, Equatable, CustomStringConvertible {
    public var credentials: SigningCredentials
    public var expiration: Date
    /// `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    public var arn: String
    /// `AROA…:SESSION`.
    public var assumedRoleID: String

    public init(credentials: SigningCredentials, expiration: Date, arn: String, assumedRoleID: String) {
        self.credentials = credentials
        self.expiration = expiration
        self.arn = arn
        self.assumedRoleID = assumedRoleID
    }

    public var description: String { "AssumedRole(\(arn), expires \(expiration))" }
}

/// The answer of `GetCallerIdentity`.
public struct CallerIdentity: Sendable, Equatable, Codable {
    public var account: String
    public var arn: String
    public var userID: String

    public init(account: String, arn: String, userID: String) {
        self.account = account
        self.arn = arn
        self.userID = userID
    }
}
