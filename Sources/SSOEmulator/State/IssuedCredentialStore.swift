import Foundation

/// Every set of AWS credentials the emulator has issued (SSO role credentials and assumed roles), by
/// access key id, so that STS can check a request's signature and know whose credentials signed it.
actor IssuedCredentialStore {
    /// One issued set of credentials and the principal it stands for.
    struct Record: Sendable {
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String
        var expiration: Date
        var accountID: String
        var roleName: String
        var sessionName: String
        /// Issued by AssumeRole (so a further AssumeRole is role chaining, limited to one hour).
        var assumed: Bool

        var arn: String { "arn:aws:sts::\(accountID):assumed-role/\(roleName)/\(sessionName)" }
        var userID: String { "AROA\(Self.roleID(accountID, roleName)):\(sessionName)" }

        static func roleID(_ accountID: String, _ roleName: String) -> String {
            var hasher = 0 as UInt64
            for byte in "\(accountID)/\(roleName)".utf8 { hasher = hasher &* 31 &+ UInt64(byte) }
            return String(String(hasher, radix: 36).uppercased().prefix(12))
        }
    }

    private var records: [String: Record] = [:]

    func register(_ record: Record) {
        records[record.accessKeyID] = record
    }

    func record(accessKeyID: String) -> Record? {
        records[accessKeyID]
    }
}
