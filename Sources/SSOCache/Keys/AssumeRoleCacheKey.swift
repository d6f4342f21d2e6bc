import AWSFormats

/// Names an assumed role's file in `~/.aws/cli/cache` as botocore's `AssumeRoleCredentialFetcher` does:
/// the SHA-1 of `json.dumps(args, sort_keys=True)` over the AssumeRole arguments (`RoleArn`, and
/// `RoleSessionName`, `ExternalId`, `SerialNumber`, `DurationSeconds` when configured; a generated
/// session name is left out, and the MFA code is never part of it).
public struct AssumeRoleCacheKey: Sendable, Hashable {
    public var roleARN: String
    /// The configured `role_session_name`; nil when botocore would generate one.
    public var sessionName: String?
    public var externalID: String?
    public var serialNumber: String?
    public var durationSeconds: Int?

    public init(
        roleARN: String, sessionName: String?, externalID: String?, serialNumber: String?, durationSeconds: Int?
    ) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.serialNumber = serialNumber
        self.durationSeconds = durationSeconds
    }

    /// The exact JSON text that is hashed.
    public var hashInput: String {
        var members: [(key: String, value: PythonJSON.Value)] = [("RoleArn", .string(roleARN))]
        if let sessionName { members.append(("RoleSessionName", .string(sessionName))) }
        if let externalID { members.append(("ExternalId", .string(externalID))) }
        if let serialNumber { members.append(("SerialNumber", .string(serialNumber))) }
        if let durationSeconds { members.append(("DurationSeconds", .integer(durationSeconds))) }
        return PythonJSON.encode(.object(members), sortKeys: true)
    }

    /// `"<sha1>.json"`.
    public var fileName: String { SHA1Hex.digest(hashInput) + ".json" }
}
