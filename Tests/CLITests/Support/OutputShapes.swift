import Foundation
import TestSupport

/// `multisso login --output json`: the warm-up report.
struct LoginJSON: Decodable {
    struct Profile: Decodable {
        var profile: String
        var portal: String
        var accountId: String
        var roleName: String
        var succeeded: Bool
        var fromCache: Bool
        var errorCode: String?
        var message: String?
    }

    struct Portal: Decodable {
        var portal: String
        var succeeded: Bool
    }

    var portals: [Portal]
    var profiles: [Profile]
}

/// `multisso status --output json`.
struct StatusJSON: Decodable {
    struct Portal: Decodable {
        var portal: String
        var startUrl: String
        var region: String
        var state: String
        var refreshable: Bool
    }

    struct Profile: Decodable {
        var profile: String
        var accountId: String
        var roleName: String
        var state: String
    }

    var portals: [Portal]
    var profiles: [Profile]
}

/// `multisso list --output json`: one entry per account.
struct ListEntryJSON: Decodable {
    var accountId: String
    var accountName: String
    var emailAddress: String?
    var roles: [String]?
}

/// `multisso logout --output json`.
struct LogoutJSON: Decodable {
    var revoked: [String]
    var tokensDeleted: Int
    var credentialsDeleted: Int
}

extension RunResult {
    /// Decodes standard output as JSON.
    func json<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(stdout.utf8))
    }

    /// Everything the command printed, for secret scans.
    var allOutput: String { stdout + "\n" + stderr }
}
