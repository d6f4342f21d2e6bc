/// The account and role name in a hop's `role_arn` (`arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`), for
/// the rows, links and cache entries that show which role a chain signs in as.
extension RoleHop {
    /// The role's account; nil when the ARN has another shape (STS refuses such an ARN).
    public var accountID: String? {
        let parts = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && !parts[4].isEmpty ? String(parts[4]) : nil
    }

    /// The role's name, without its path; empty when the ARN has no resource part.
    public var roleName: String {
        let parts = roleARN.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6 else { return "" }
        return parts[5].split(separator: "/").last.map(String.init) ?? ""
    }
}
