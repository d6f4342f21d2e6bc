import Foundation
import TestSupport

/// The parts of `multisso login --output json` the tests check.
struct LoginReport: Decodable {
    struct Profile: Decodable {
        var profile: String
        var succeeded: Bool
        var errorCode: String?
        var message: String?
    }
    var profiles: [Profile]
    var seconds: Double
    var throttled: Int

    init(_ result: RunResult) throws {
        self = try JSONDecoder().decode(LoginReport.self, from: Data(result.stdout.utf8))
    }

    var failed: [Profile] { profiles.filter { !$0.succeeded } }
}
