import Foundation
import SSOEmulator
import TestSupport
import Testing

/// The built `multisso` against the emulator serving HTTPS with a certificate of a throwaway CA, as
/// behind a TLS-intercepting proxy: trusted through AWS_CA_BUNDLE or a profile's `ca_bundle`, refused
/// with a clear message otherwise, and an unusable bundle is a configuration error before any request.
@Suite("CLI with a custom CA bundle")
struct CABundleCLITests {
    static let login = ["login", "--all", "--use-device-code", "--no-browser"]

    /// Every profile's credentials are in the CLI cache.
    static func allCredentialsCached(_ sandbox: CLISandbox) -> Bool {
        sandbox.profiles.allSatisfy { (try? sandbox.cache.credentials($0)) != nil }
    }

    @Test("AWS_CA_BUNDLE makes login succeed over https; -v names the bundle")
    func environmentBundle() async throws {
        try await CLISandbox.run(emulator: ["--auto-approve"], tls: true) { sandbox in
            #expect(sandbox.emulator.baseURL.scheme == "https")
            let bundle = try #require(sandbox.authority).caCertificatePath
            let result = try await sandbox.multisso(Self.login + ["-v"], environment: ["AWS_CA_BUNDLE": bundle])
            #expect(result.status == 0, "\(result)")
            #expect(Self.allCredentialsCached(sandbox))
            #expect(
                result.stderr.contains(
                    "TLS trusts only the CA bundle \(bundle) (from environment variable AWS_CA_BUNDLE"), "\(result)")
        }
    }

    @Test("without a bundle login fails saying the certificate is not trusted and what to set")
    func noBundle() async throws {
        try await CLISandbox.run(emulator: ["--auto-approve"], tls: true) { sandbox in
            let result = try await sandbox.multisso(Self.login)
            #expect(result.status != 0, "\(result)")
            #expect(result.stderr.contains("the server's certificate is not trusted"), "\(result)")
            #expect(result.stderr.contains("set AWS_CA_BUNDLE or ca_bundle"), "\(result)")
            #expect(!Self.allCredentialsCached(sandbox))
        }
    }

    @Test("a ca_bundle key with ~ in every profile makes login and credential-process succeed")
    func profileBundle() async throws {
        try await CLISandbox.run(emulator: ["--auto-approve"], tls: true) { sandbox in
            let authority = try #require(sandbox.authority)
            // The sandbox HOME is inside the folder; the bundle is named relative to it with ~.
            let relative = "ca-bundle.pem"
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: authority.caCertificatePath), to: sandbox.home.appendingPathComponent(relative)
            )
            try Self.writeConfig(sandbox) { _ in "~/\(relative)" }
            let profile = sandbox.profiles[0]
            let process = try await sandbox.multisso(["credential-process", "--profile", profile.name])
            // No token yet: credential-process never logs in, so it fails with the login command, not TLS.
            #expect(process.status != 0 && !process.stderr.contains("not trusted"), "\(process)")
            let result = try await sandbox.multisso(Self.login + ["-v"])
            #expect(result.status == 0, "\(result)")
            #expect(Self.allCredentialsCached(sandbox))
            #expect(result.stderr.contains("\(sandbox.home.path)/\(relative) (from ca_bundle of profile"), "\(result)")
            try FileManager.default.removeItem(at: sandbox.cache.cliCache)
            let again = try await sandbox.multisso(["credential-process", "--profile", profile.name])
            #expect(again.status == 0, "\(again)")
        }
    }

    @Test("profiles naming different bundles in one run are a configuration error naming two of them")
    func conflictingProfiles() async throws {
        try await CLISandbox.run(emulator: ["--auto-approve"], tls: true) { sandbox in
            let bundle = try #require(sandbox.authority).caCertificatePath
            let first = sandbox.profiles[0].name
            try Self.writeConfig(sandbox) { $0 == first ? "/elsewhere/other.pem" : bundle }
            let result = try await sandbox.multisso(Self.login)
            #expect(result.status == 3, "\(result)")
            #expect(result.stderr.contains(first) && result.stderr.contains("/elsewhere/other.pem"), "\(result)")
            #expect(result.stderr.contains(bundle), "\(result)")
            // AWS_CA_BUNDLE settles it.
            let settled = try await sandbox.multisso(Self.login, environment: ["AWS_CA_BUNDLE": bundle])
            #expect(settled.status == 0, "\(settled)")
        }
    }

    @Test("a missing bundle file is exit 3 naming the variable or the key and the path, before any request")
    func missingBundle() async throws {
        try await CLISandbox.run(emulator: ["--auto-approve"], tls: true) { sandbox in
            let missing = sandbox.folder.appendingPathComponent("no-such-bundle.pem").path
            let fromEnvironment = try await sandbox.multisso(Self.login, environment: ["AWS_CA_BUNDLE": missing])
            #expect(fromEnvironment.status == 3, "\(fromEnvironment)")
            #expect(
                fromEnvironment.stderr.contains("AWS_CA_BUNDLE") && fromEnvironment.stderr.contains(missing),
                "\(fromEnvironment)")
            let process = try await sandbox.multisso(
                ["credential-process", "--profile", sandbox.profiles[0].name], environment: ["AWS_CA_BUNDLE": missing])
            #expect(process.status == 3, "\(process)")
            try Self.writeConfig(sandbox) { _ in missing }
            let fromProfile = try await sandbox.multisso(Self.login)
            #expect(fromProfile.status == 3, "\(fromProfile)")
            #expect(
                fromProfile.stderr.contains("ca_bundle of profile") && fromProfile.stderr.contains(missing),
                "\(fromProfile)")
            #expect(sandbox.cache.tokenFiles().isEmpty)
        }
    }

    /// Rewrites the config with `ca_bundle = VALUE` in every profile, the value chosen per profile name.
    static func writeConfig(_ sandbox: CLISandbox, bundle: (String) -> String) throws {
        try sandbox.writeConfig(extra: "")
        var text = try String(contentsOf: sandbox.configFile, encoding: .utf8)
        for profile in sandbox.profiles {
            text = text.replacingOccurrences(
                of: "[profile \(profile.name)]\n",
                with: "[profile \(profile.name)]\nca_bundle = \(bundle(profile.name))\n")
        }
        try text.write(to: sandbox.configFile, atomically: true, encoding: .utf8)
    }
}
