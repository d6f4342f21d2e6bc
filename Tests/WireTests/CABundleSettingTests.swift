import FileStore
// Where the CA bundle comes from, as botocore's `ca_bundle` config variable: AWS_CA_BUNDLE, then the
// profiles' `ca_bundle` key, `~` expanded, one file per run.
import Foundation
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

@Suite("The ca_bundle setting")
struct CABundleSettingTests {
    /// A folder holding a HOME with a throwaway CA at ~/ca.pem and a second one at ~/other/ca.pem.
    static func withHome(_ body: (URL, ThrowawayCertificateAuthority, ThrowawayCertificateAuthority) throws -> Void)
        throws
    {
        try withTemporaryDirectory { home in
            let other = home.appendingPathComponent("other", isDirectory: true)
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            try body(home, try ThrowawayCertificateAuthority(in: home), try ThrowawayCertificateAuthority(in: other))
        }
    }

    static func resolve(_ config: String, home: URL, variables: [String: String] = [:], profiles: [String]) throws
        -> CABundle?
    {
        let environment = AWSEnvironment.sandbox(home: home, variables: variables)
        let document = try ConfigDocument(parsing: Data(config.utf8), file: environment.configFile)
        let file = AWSConfigFile(document: document, file: environment.configFile, environment: environment)
        return try CABundleSetting.resolve(environment: environment, config: file, profiles: profiles)
    }

    static let config =
        "[profile a]\nca_bundle = ~/ca.pem\n\n[profile b]\nca_bundle = ~/other/ca.pem\n\n[profile c]\nregion = eu-west-1\n"

    @Test("a profile's key is used with ~ expanded; profiles without the key do not count; none gives nil")
    func profileKey() throws {
        try Self.withHome { home, authority, _ in
            let bundle = try Self.resolve(Self.config, home: home, profiles: ["a", "c", "missing"])
            #expect(bundle?.path == authority.caCertificatePath)
            #expect(bundle?.source.hasPrefix("ca_bundle of profile a") == true)
            #expect(try Self.resolve(Self.config, home: home, profiles: ["c"]) == nil)
        }
    }

    @Test("AWS_CA_BUNDLE wins over the profiles, even when they disagree; empty counts as unset")
    func environmentWins() throws {
        try Self.withHome { home, _, other in
            let bundle = try Self.resolve(
                Self.config, home: home, variables: ["AWS_CA_BUNDLE": "~/other/ca.pem"], profiles: ["a", "b"])
            #expect(bundle?.path == other.caCertificatePath)
            #expect(bundle?.source == "environment variable AWS_CA_BUNDLE")
            let empty = try Self.resolve(Self.config, home: home, variables: ["AWS_CA_BUNDLE": ""], profiles: ["b"])
            #expect(empty?.path == other.caCertificatePath)
        }
    }

    @Test("two profiles naming different files are a conflict naming both profiles and values")
    func conflict() throws {
        try Self.withHome { home, _, _ in
            #expect(
                throws: CABundleError.conflicting(
                    profile: "a", path: "~/ca.pem", otherProfile: "b", otherPath: "~/other/ca.pem")
            ) {
                try Self.resolve(Self.config, home: home, profiles: ["a", "c", "b"])
            }
        }
    }
}
