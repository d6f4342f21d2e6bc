import Foundation
import Testing

@testable import AWSFormats
@testable import SSOCache

@Suite("CacheTimestamp")
struct CacheTimestampTests {
    /// 2030-01-01T00:00:00Z.
    static let newYear2030 = Date(timeIntervalSince1970: 1_893_456_000)

    @Test("writes YYYY-MM-DDTHH:MM:SSZ, truncating fractions")
    func format() {
        #expect(CacheTimestamp.format(Self.newYear2030) == "2030-01-01T00:00:00Z")
        #expect(CacheTimestamp.format(Self.newYear2030.addingTimeInterval(0.999)) == "2030-01-01T00:00:00Z")
        #expect(CacheTimestamp.format(Self.newYear2030.addingTimeInterval(-0.5)) == "2029-12-31T23:59:59Z")
        #expect(CacheTimestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(CacheTimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
    }

    @Test("format and parse agree for many instants")
    func roundTrip() {
        for seconds in stride(from: -2_000_000_000, through: 4_000_000_000, by: 7_777_777) {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            #expect(CacheTimestamp.parse(CacheTimestamp.format(date)) == date)
        }
    }

    @Test(
        "reads every RFC 3339 variant dateutil accepts",
        arguments: [
            ("2030-01-01T00:00:00Z", 0.0),
            ("2030-01-01T00:00:00z", 0.0),
            ("2030-01-01t00:00:00Z", 0.0),
            ("2030-01-01 00:00:00Z", 0.0),
            ("2030-01-01T00:00:00+00:00", 0.0),
            ("2030-01-01T00:00:00-00:00", 0.0),
            ("2030-01-01T00:00:00+0000", 0.0),
            ("2030-01-01T00:00:00+00", 0.0),
            ("2030-01-01T01:30:00+01:30", 0.0),
            ("2029-12-31T19:00:00-05:00", 0.0),
            ("2030-01-01T00:00:00.5Z", 0.5),
            ("2030-01-01T00:00:00.123456Z", 0.123456),
            ("2030-01-01T00:00:00.123456789+00:00", 0.123456789),
            ("2030-01-01T00:00:00UTC", 0.0),
            ("2030-01-01T00:00:00 UTC", 0.0),
            ("2030-01-01T00:00:00 GMT", 0.0),
        ])
    func parseVariants(text: String, fraction: Double) throws {
        let parsed = try #require(CacheTimestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince1970 - (Self.newYear2030.timeIntervalSince1970 + fraction)) < 1e-6)
    }

    @Test(
        "rejects timestamps without a zone and malformed ones, without crashing",
        arguments: [
            "2030-01-01T00:00:00", "2030-01-01T00:00:00.123", "", "garbage", "2030-13-01T00:00:00Z",
            "2030-02-30T00:00:00Z", "2030-01-01T24:00:00Z", "2030-01-01T00:60:00Z", "2030-01-01T00:00:61Z",
            "2030-01-01T00:00:00+25:00", "2030-01-01T00:00:00Zjunk", "2030-01-01T00:00:00.Z", "2030-1-01T00:00:00Z",
            "２０３０-01-01T00:00:00Z", "2030-01-01T00:00:00+1",
        ])
    func rejects(text: String) {
        #expect(CacheTimestamp.parse(text) == nil)
    }

    @Test("leap days are valid only in leap years")
    func leapDays() {
        #expect(CacheTimestamp.parse("2028-02-29T00:00:00Z") != nil)
        #expect(CacheTimestamp.parse("2100-02-29T00:00:00Z") == nil)
        #expect(CacheTimestamp.parse("2000-02-29T00:00:00Z") != nil)
    }
}
