import Foundation
import SSOWire
import TestSupport
import Testing

/// multisso's SigV4 signatures must be byte for byte botocore's: `sigv4_sign.py` signs the same
/// requests with botocore's `SigV4Auth` at the same instant.
@Suite("SigV4 signing against botocore")
struct SigV4ConformanceTests {
    struct Case: Codable {
        var method: String
        var url: String
        var headers: [[String]]
        var body: String
        var access_key: String
        var secret_key: String
        var token: String?
        var region: String
        var service: String
        var epoch: Double
    }

    static let cases: [Case] = [
        Case(
            method: "POST", url: "https://sts.eu-west-1.amazonaws.com/",
            headers: [
                ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"], ["User-Agent", "multisso"],
            ],
            body: "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2FX&RoleSessionName=s",
            access_key: "ASIAEXAMPLE", secret_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            token: "FwoGZXIvYXdzEXAMPLE",
            region: "eu-west-1", service: "sts", epoch: 1_796_390_100),
        Case(
            method: "POST", url: "http://127.0.0.1:9911/",
            headers: [
                ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"], ["X-Extra", "  a   b  "],
            ],
            body: "Action=GetCallerIdentity&Version=2011-06-15",
            access_key: "AKIDEXAMPLE", secret_key: "secret", token: nil, region: "us-east-1", service: "sts",
            epoch: 1_700_000_000),
        Case(
            method: "GET", url: "https://example.amazonaws.com/a/b?z=1&a=2",
            headers: [], body: "", access_key: "AKID", secret_key: "s", token: "t", region: "cn-north-1",
            service: "svc",
            epoch: 86_399),
    ]

    @Test("Authorization, X-Amz-Date and X-Amz-Security-Token equal botocore's")
    func sameSignatures() async throws {
        let result = try await runProcess(
            try ConformancePython.interpreter(), [ConformancePython.script("sigv4_sign.py", in: "wire").path],
            input: try JSONEncoder().encode(Self.cases))
        #expect(result.status == 0, "\(result.stderr)")
        let data = Data(result.stdout.utf8)
        let theirs = try JSONDecoder().decode([[String: String?]].self, from: data)
        for (sample, expected) in zip(Self.cases, theirs) {
            let request = HTTPRequest(
                method: sample.method, url: try #require(URL(string: sample.url)),
                headers: sample.headers.map { ($0[0], $0[1]) }, body: Data(sample.body.utf8))
            let signed = SigV4Signer(service: sample.service, region: sample.region).sign(
                request,
                with: SigningCredentials(
                    accessKeyID: sample.access_key, secretAccessKey: sample.secret_key, sessionToken: sample.token),
                at: Date(timeIntervalSince1970: sample.epoch))
            func header(_ name: String) -> String? { signed.headers.last { $0.0 == name }?.1 }
            #expect(header("Authorization") == expected["Authorization"] ?? nil, "\(sample.url)")
            #expect(header("X-Amz-Date") == expected["X-Amz-Date"] ?? nil)
            #expect(header("X-Amz-Security-Token") == expected["X-Amz-Security-Token"] ?? nil)
        }
    }
}
