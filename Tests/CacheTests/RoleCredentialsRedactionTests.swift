import AWSFormats
import Foundation
import Testing

/// The one credentials type never shows its secrets, however it is printed.
@Suite("RoleCredentials redaction")
struct RoleCredentialsRedactionTests {
    let credentials = RoleCredentials(
        accessKeyID: "ASIAEXAMPLEKEYID1234", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY",
        sessionToken: "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN", expiration: Date(timeIntervalSince1970: 1_893_553_445),
        accountID: "123456789012")

    /// Every way Swift turns a value into text: description, debugDescription, interpolation,
    /// String(reflecting:), print, debugPrint and dump (the mirror).
    var renderings: [String] {
        var printed = ""
        var debugPrinted = ""
        var dumped = ""
        print(credentials, to: &printed)
        debugPrint(credentials, to: &debugPrinted)
        dump(credentials, to: &dumped)
        return [
            credentials.description, credentials.debugDescription, "\(credentials)", String(reflecting: credentials),
            printed, debugPrinted, dumped, "\([credentials])", String(reflecting: Optional(credentials)),
        ]
    }

    @Test("no rendering contains the secret key, the session token or the whole key ID")
    func noSecrets() {
        for text in renderings {
            #expect(!text.contains(credentials.secretAccessKey), "\(text)")
            #expect(!text.contains(credentials.sessionToken), "\(text)")
            #expect(!text.contains(credentials.accessKeyID), "\(text)")
        }
    }

    @Test("the renderings still say which credentials they are: key ID prefix, expiry, account")
    func stillUseful() {
        for text in renderings {
            #expect(text.contains("ASIA****"), "\(text)")
            #expect(text.contains("2030-01-02T03:04:05Z"), "\(text)")
            #expect(text.contains("123456789012"), "\(text)")
        }
    }
}
