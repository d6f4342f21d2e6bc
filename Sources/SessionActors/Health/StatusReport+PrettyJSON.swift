public import Foundation

extension StatusReport.Profile: PrettyJSONRow {
    var prettyJSONMembers: [(key: String, value: PrettyJSONValue)]? {
        // A role chain's row (with its hops) is left to the encoder.
        guard chain == nil, hops == nil, PrettyReportJSON.isPlain(profile), PrettyReportJSON.isPlain(portal),
            PrettyReportJSON.isPlain(accountID), PrettyReportJSON.isPlain(roleName), PrettyReportJSON.isPlain(state),
            expiresAt.map(PrettyReportJSON.isPlain) ?? true
        else { return nil }
        var members: [(key: String, value: PrettyJSONValue)] = [("accountId", .string(accountID))]
        if let expiresAt { members.append(("expiresAt", .date(expiresAt))) }
        members += [("portal", .string(portal)), ("profile", .string(profile)), ("roleName", .string(roleName))]
        if let secondsLeft { members.append(("secondsLeft", .int(secondsLeft))) }
        members.append(("state", .string(state)))
        return members
    }
}

extension StatusReport {
    /// The report as ``PrettyReportJSON/encoder()`` encodes it (for `status --output json`), written faster.
    public func prettyJSON() throws -> Data {
        try PrettyReportJSON.encode(self, rows: \.profiles)
    }

    /// ``prettyJSON()``, the two halves of the rows written at once: the same bytes.
    public func prettyJSONInHalves() async throws -> Data {
        try await PrettyReportJSON.encodeInHalves(self, rows: \.profiles)
    }
}
