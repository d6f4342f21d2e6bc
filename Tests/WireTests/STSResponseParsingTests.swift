import Foundation
import Testing

@testable import SSOWire

/// The pieces of an STS answer the client reads without an XML library or a `DateFormatter`: element
/// text and the `Expiration` timestamp, in every form STS and the emulator write.
@Suite("STS answer parsing")
struct STSResponseParsingTests {
    @Test("Expiration: whole seconds, fractions, offsets; anything else is nil")
    func expiration() {
        #expect(STSClient.parseTimestamp("2026-12-04T12:00:00Z")?.timeIntervalSince1970 == 1_796_385_600)
        #expect(STSClient.parseTimestamp("2026-12-04T12:00:00+01:00")?.timeIntervalSince1970 == 1_796_382_000)
        let fraction = STSClient.parseTimestamp("2026-12-04T12:00:00.250Z")?.timeIntervalSince1970 ?? 0
        #expect(abs(fraction - 1_796_385_600.25) < 0.001)
        #expect(STSClient.parseTimestamp("2026-12-04 12:00") == nil)
        #expect(STSClient.parseTimestamp("") == nil)
    }

    @Test("X-Amz-Date: ISO 8601's basic form in UTC, whole seconds")
    func amzDate() {
        #expect(SigV4Signer.timestamp(Date(timeIntervalSince1970: 1_796_385_600.75)) == "20261204T120000Z")
        #expect(SigV4Signer.timestamp(Date(timeIntervalSince1970: 86_399)) == "19700101T235959Z")
    }

    @Test("element text: the first element of that name, entities decoded, other text untouched")
    func elements() {
        let xml = """
            <AssumeRoleResponse><AssumedRoleUser><Arn>arn:aws:sts::1:assumed-role/R/s&amp;t</Arn></AssumedRoleUser>\
            <Credentials><AccessKeyId>ASIA1</AccessKeyId><SessionToken>é☃&#x41;</SessionToken></Credentials>\
            <AccessKeyId>second</AccessKeyId></AssumeRoleResponse>
            """
        #expect(QueryXML.value("AccessKeyId", in: xml) == "ASIA1")
        #expect(QueryXML.value("Arn", in: xml) == "arn:aws:sts::1:assumed-role/R/s&t")
        #expect(QueryXML.value("SessionToken", in: xml) == "é☃A")
        #expect(QueryXML.value("Expiration", in: xml) == nil)
        #expect(QueryXML.value("Open", in: "<Open>never closed") == nil)
        #expect(QueryXML.value("Empty", in: "<Empty></Empty>") == "")
    }
}
