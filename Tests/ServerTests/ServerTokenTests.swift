import CredentialServer
import Foundation
import TestSupport
import Testing

@Suite("Credential server: the token file")
struct ServerTokenTests {
    private func withFolder(_ body: (URL) throws -> Void) throws {
        try withTemporaryDirectory { root in try body(root.appendingPathComponent("token-folder")) }
    }

    @Test(
        "a missing file is created: 64 hex characters (256 bits), no newline, 0600 in a 0700 folder; read back the same"
    )
    func created() throws {
        try withFolder { folder in
            let file = folder.appendingPathComponent("sub/token")
            let token = try ServerToken.loadOrCreate(file)
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(text.count == 64 && text.allSatisfy(\.isHexDigit))
            #expect(token.matches(text))
            #expect(!token.matches(text + "\n") && !token.matches(String(text.dropLast())) && !token.matches(nil))
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let folderAttributes = try FileManager.default.attributesOfItem(
                atPath: file.deletingLastPathComponent().path)
            #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
            #expect(try ServerToken.loadOrCreate(file).matches(text))
            #expect(!"\(token)".contains(text))
            #expect(try ServerToken.loadOrCreate(folder.appendingPathComponent("other")).matches(text) == false)
        }
    }

    @Test("a file readable by others, with a line break, or too short is refused with the fix")
    func refused() throws {
        try withFolder { folder in
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("token")
            let good = String(repeating: "a1", count: 32)
            try good.write(to: file, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            #expect { try ServerToken.loadOrCreate(file) } throws: { "\($0)".contains("chmod 600") }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            try (good + "\n").write(to: file, atomically: false, encoding: .utf8)
            #expect { try ServerToken.loadOrCreate(file) } throws: { "\($0)".contains("line break") }
            try "short".write(to: file, atomically: false, encoding: .utf8)
            #expect { try ServerToken.loadOrCreate(file) } throws: { "\($0)".contains("fewer than 32") }
        }
    }
}
