public import Foundation

extension ProfileOutcome: PrettyJSONRow {
    var prettyJSONMembers: [(key: String, value: PrettyJSONValue)]? {
        guard PrettyReportJSON.isPlain(profile), PrettyReportJSON.isPlain(portal), PrettyReportJSON.isPlain(accountID),
            PrettyReportJSON.isPlain(roleName), errorCode.map(PrettyReportJSON.isPlain) ?? true,
            message.map(PrettyReportJSON.isPlain) ?? true, expiration.map(PrettyReportJSON.isPlain) ?? true
        else { return nil }
        var members: [(key: String, value: PrettyJSONValue)] = [("accountId", .string(accountID))]
        if let errorCode { members.append(("errorCode", .string(errorCode))) }
        if let expiration { members.append(("expiration", .date(expiration))) }
        members.append(("fromCache", .bool(fromCache)))
        if let message { members.append(("message", .string(message))) }
        members += [
            ("portal", .string(portal)), ("profile", .string(profile)), ("roleName", .string(roleName)),
            ("succeeded", .bool(succeeded)),
        ]
        return members
    }
}

extension WarmUpReport {
    /// The report as ``PrettyReportJSON/encoder()`` encodes it (for `login --output json`), written faster.
    public func prettyJSON() throws -> Data {
        try PrettyReportJSON.encode(self, rows: \.profiles)
    }
}
