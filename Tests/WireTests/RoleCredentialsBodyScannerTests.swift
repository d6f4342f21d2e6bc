import Foundation
import Testing

@testable import SSOWire

/// The byte scanner of GetRoleCredentials answers against `JSONDecoder`, the reference: wherever the
/// scanner answers, its answer is JSONDecoder's; it declines (nil) everything outside its subset,
/// including everything JSONDecoder refuses.
@Suite("GetRoleCredentials body scanner")
struct RoleCredentialsBodyScannerTests {
    private static func reference(_ text: String) -> RoleCredentialsBodyScanner.Credentials? {
        try? JSONDecoder().decode(GetRoleCredentialsResponse.self, from: Data(text.utf8)).roleCredentials
    }

    /// The scanner agrees with JSONDecoder, or declines.
    private static func check(_ text: String, mustScan: Bool, sourceLocation: SourceLocation = #_sourceLocation) {
        let scanned = RoleCredentialsBodyScanner.scan(Data(text.utf8))
        let expected = reference(text)
        if let scanned {
            #expect(scanned == expected, "\(text)", sourceLocation: sourceLocation)
        }
        if mustScan {
            #expect(scanned != nil, "declined: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test("the service's and the emulator's answers, in any key order, spacing and extra scalar members")
    func usual() {
        Self.check(
            #"{"roleCredentials":{"accessKeyId":"ASIAX","secretAccessKey":"s/k+1=","sessionToken":"T0k3n/+=","expiration":1796385600000}}"#,
            mustScan: true)
        Self.check(
            """
            {
              "roleCredentials" : {
                "expiration" : 1796385600000, "sessionToken" : "t",
                "secretAccessKey":"s", "accessKeyId":"a", "extra": null, "flag": true, "n": -1.5e3
              },
              "other": "x"
            }

            """, mustScan: true)
        Self.check(
            #"{"roleCredentials":{"accessKeyId":"é☃","secretAccessKey":"","sessionToken":"𝄞","expiration":0}}"#,
            mustScan: true)
        Self.check(
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"b","sessionToken":"c","expiration":1.7963856E12}}"#,
            mustScan: true)
        Self.check(
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"b","sessionToken":"c","expiration":-0}}"#,
            mustScan: true)
    }

    @Test("escapes, nesting, repeats, missing fields, wrong types and broken JSON are declined")
    func declined() {
        let cases = [
            #"{"roleCredentials":{"accessKeyId":"a\"b","secretAccessKey":"s","sessionToken":"t","expiration":1}}"#,
            #"{"roleCredentials":{"accessKeyId":"a\u0041","secretAccessKey":"s","sessionToken":"t","expiration":1}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1,"x":{}}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1,"x":[1]}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","accessKeyId":"b","secretAccessKey":"s","sessionToken":"t","expiration":1}}"#,
            #"{"roleCredentials":{"secretAccessKey":"s","sessionToken":"t","expiration":1}}"#,
            #"{"roleCredentials":{"accessKeyId":1,"secretAccessKey":"s","sessionToken":"t","expiration":1}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":"1"}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":01}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1.}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1e999}}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1},}"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1}} x"#,
            #"{"roleCredentials":{"accessKeyId":"a","secretAccessKey":"s","sessionToken":"t","expiration":1}"#,
            #"{"roleCredentials":null}"#, "{}", "", "null", "[]",
            "{\"roleCredentials\":{\"accessKeyId\":\"a\tb\",\"secretAccessKey\":\"s\",\"sessionToken\":\"t\",\"expiration\":1}}",
        ]
        for text in cases {
            #expect(RoleCredentialsBodyScanner.scan(Data(text.utf8)) == nil, "\(text)")
        }
        // Invalid UTF-8 inside a string.
        var bytes = Data(#"{"roleCredentials":{"accessKeyId":"a"#.utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Data(#"","secretAccessKey":"s","sessionToken":"t","expiration":1}}"#.utf8))
        #expect(RoleCredentialsBodyScanner.scan(bytes) == nil)
    }

    @Test("2,000 generated answers: the scanner answers as JSONDecoder, or declines")
    func generated() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"ABCXYZabcxyz0189+/=:-_ é☃𝄞\"\\\n"#)
        func text(_ length: Int) -> String {
            String((0..<length).map { _ in alphabet.randomElement(using: &generator) ?? "a" })
        }
        func quoted(_ value: String) -> String {
            // Escaped as JSON by JSONSerialization, so some strings carry escapes (declined) and most do not.
            let data = (try? JSONSerialization.data(withJSONObject: [value], options: [.fragmentsAllowed])) ?? Data()
            return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
        }
        let spaces = ["", " ", "\n", "\t ", "\r\n  "]
        for _ in 0..<2_000 {
            var members = [
                "\"accessKeyId\":\(quoted(text(Int.random(in: 0...20, using: &generator))))",
                "\"secretAccessKey\":\(quoted(text(Int.random(in: 0...40, using: &generator))))",
                "\"sessionToken\":\(quoted(text(Int.random(in: 0...400, using: &generator))))",
                "\"expiration\":\(Int64.random(in: 0...4_000_000_000_000, using: &generator))",
            ]
            if Bool.random(using: &generator) { members.append("\"extra\":\(quoted(text(5)))") }
            members.shuffle(using: &generator)
            let space = spaces.randomElement(using: &generator) ?? ""
            let inner = members.joined(separator: ",\(space)")
            let body =
                "\(space){\(space)\"roleCredentials\"\(space):\(space){\(space)\(inner)\(space)}\(space)}\(space)"
            Self.check(body, mustScan: !body.contains("\\"))
        }
    }
}
