import Foundation
import SSOConfig
import Testing

/// `SSOProfile` keeps its fields in one shared storage: it must still behave as a plain value, every
/// field read back as given, a change to one copy never seen by another, and equality and hashing
/// field by field.
@Suite("SSOProfile as a value")
struct SSOProfileValueTests {
    static func profile() -> SSOProfile {
        SSOProfile(
            name: "dev",
            session: SSOSessionSettings(
                name: "corp", startURL: "https://corp.awsapps.com/start", region: "eu-west-1",
                registrationScopes: ["sso:account:access"], useDeviceCode: false),
            accountID: "111122223333", roleName: "Admin", region: "us-east-1", output: "json",
            endpoints: EndpointOverrides(oidc: URL(string: "https://oidc.example.test")),
            file: URL(fileURLWithPath: "/c"),
            line: 7)
    }

    @Test("fields read back as given; each change is seen by that copy only")
    func copies() {
        let original = Self.profile()
        #expect(original.name == "dev")
        #expect(original.session.name == "corp")
        #expect(original.accountID == "111122223333")
        #expect(original.roleName == "Admin")
        #expect(original.region == "us-east-1")
        #expect(original.output == "json")
        #expect(original.endpoints.oidc?.absoluteString == "https://oidc.example.test")
        #expect(original.file.path == "/c")
        #expect(original.line == 7)
        let changes: [(String, (inout SSOProfile) -> Void)] = [
            ("name", { $0.name = "prod" }), ("session", { $0.session.region = "us-west-2" }),
            ("accountID", { $0.accountID = "444455556666" }), ("roleName", { $0.roleName = "ReadOnly" }),
            ("region", { $0.region = nil }), ("output", { $0.output = "text" }),
            ("endpoints", { $0.endpoints.portal = URL(string: "https://portal.example.test") }),
            ("file", { $0.file = URL(fileURLWithPath: "/d") }), ("line", { $0.line = 8 }),
        ]
        for (field, change) in changes {
            var copy = original
            #expect(copy == original)
            change(&copy)
            #expect(copy != original, "\(field)")
            #expect(original == Self.profile(), "\(field)")
            var again = original
            change(&again)
            #expect(again == copy, "\(field)")
            #expect(again.hashValue == copy.hashValue, "\(field)")
        }
    }

    @Test("equal values made apart are equal and hash alike; a set keeps one")
    func equality() {
        let first = Self.profile()
        let second = Self.profile()
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        var renamed = second
        renamed.name = "other"
        #expect(Set([first, second, renamed]).count == 2)
    }
}
