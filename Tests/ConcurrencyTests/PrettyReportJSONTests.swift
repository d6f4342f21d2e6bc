import Foundation
import Testing

@testable import SessionActors

/// The reports' JSON written row by row against `JSONEncoder`'s, byte for byte, for every kind of row.
@Suite("Report JSON")
struct PrettyReportJSONTests {
    static let expiry = Date(timeIntervalSince1970: 1_800_000_000)

    static func outcome(_ index: Int, succeeded: Bool = true) -> ProfileOutcome {
        ProfileOutcome(
            profile: "portal-\(index % 3)-acct-\(index)", portal: "portal-\(index % 3)",
            accountID: "1111222233\(index % 10)",
            roleName: "Admin", succeeded: succeeded, fromCache: index.isMultiple(of: 2),
            expiration: succeeded ? expiry.addingTimeInterval(Double(index)) : nil,
            errorCode: succeeded ? nil : "role_not_assigned", message: succeeded ? nil : "no such role \(index)")
    }

    /// A status row: valid, expired or without a file by its index.
    static func statusRow(_ index: Int) -> StatusReport.Profile {
        let missing = index % 5 == 0
        return StatusReport.Profile(
            profile: "p\(index)", portal: "corp", accountID: "111122223333", roleName: "Role\(index)",
            state: missing ? "none" : index % 3 == 0 ? "expired" : "valid",
            expiresAt: missing ? nil : Self.expiry, secondsLeft: missing ? nil : index * 60)
    }

    static func expected<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try PrettyReportJSON.encoder().encode(value), as: UTF8.self)
    }

    @Test("a warm-up report of many rows, successes and failures, is the encoder's")
    func warmUp() throws {
        var report = WarmUpReport(
            portals: [PortalOutcome(portal: "portal-0", succeeded: true, tokenExpiresAt: Self.expiry, message: nil)],
            profiles: (0..<50).map { Self.outcome($0, succeeded: $0 % 7 != 3) }, seconds: 0.123456789, throttled: 2)
        #expect(String(decoding: try report.prettyJSON(), as: UTF8.self) == (try Self.expected(report)))
        // Text the encoder escapes, and dates with fractions, go through the encoder row by row.
        report.profiles[4].profile = "quote\"back\\slash/"
        report.profiles[5].message = "line\nbreak\ttab é ☃"
        report.profiles[6].expiration = Self.expiry.addingTimeInterval(0.5)
        report.profiles[0].roleName = "Ünïcode"
        #expect(String(decoding: try report.prettyJSON(), as: UTF8.self) == (try Self.expected(report)))
    }

    @Test("empty and one-row reports are the encoder's")
    func small() throws {
        for count in [0, 1] {
            let report = WarmUpReport(
                portals: [], profiles: (0..<count).map { Self.outcome($0) }, seconds: 1, throttled: 0)
            #expect(String(decoding: try report.prettyJSON(), as: UTF8.self) == (try Self.expected(report)))
        }
    }

    @Test("a status report with valid, expired, missing and chained rows is the encoder's")
    func status() throws {
        var report = StatusReport()
        report.portals = [
            StatusReport.Portal(
                portal: "corp", startURL: "https://x.awsapps.com/start", region: "eu-west-1", state: "valid",
                expiresAt: Self.expiry, secondsLeft: 100, refreshable: true)
        ]
        report.profiles = (0..<30).map(Self.statusRow)
        report.profiles.append(
            StatusReport.Profile(
                profile: "spoke", portal: "sso", accountID: "222233334444", roleName: "Spoke", state: "valid",
                expiresAt: Self.expiry, secondsLeft: 5, chain: "spoke ← hub (sso: corp)",
                hops: [StatusReport.Hop(profile: "hub", roleArn: "sso:1/Admin", secondsLeft: 5)]))
        #expect(String(decoding: try report.prettyJSON(), as: UTF8.self) == (try Self.expected(report)))
    }

    @Test("a status report written in two halves at once is the encoder's, with rows of every kind in either half")
    func statusInHalves() async throws {
        for count in [0, 1, 511, 512, 513, 1001] {
            var report = StatusReport()
            report.profiles = (0..<count).map(Self.statusRow)
            #expect(
                String(decoding: try await report.prettyJSONInHalves(), as: UTF8.self) == (try Self.expected(report)))
            guard count > 500 else { continue }
            // Text the encoder escapes and a chained row, in the first half, at the middle and in the second.
            for index in [3, count / 2 - 1, count / 2, count - 1] {
                var changed = report
                changed.profiles[index].profile = "quote\"back\\slash/ é"
                #expect(
                    String(decoding: try await changed.prettyJSONInHalves(), as: UTF8.self)
                        == (try Self.expected(changed)), "\(count) \(index)")
                changed = report
                changed.profiles[index].chain = "spoke ← hub (sso: corp)"
                changed.profiles[index].hops = [
                    StatusReport.Hop(profile: "hub", roleArn: "sso:1/Admin", secondsLeft: 5)
                ]
                #expect(
                    String(decoding: try await changed.prettyJSONInHalves(), as: UTF8.self)
                        == (try Self.expected(changed)), "\(count) \(index)")
            }
        }
    }
}
