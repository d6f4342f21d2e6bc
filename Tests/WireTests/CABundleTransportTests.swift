// The real OIDC client over NIOHTTPTransport against the emulator's HTTPS listener, whose certificate
// is signed by a throwaway CA: trusted only through a CA bundle, as behind a TLS-intercepting proxy.
import Foundation
import NIOSSL
import SSOEmulator
import TestSupport
import Testing

@testable import SSOWire
@testable import SessionActors

@Suite("A custom CA bundle replaces the system's roots")
struct CABundleTransportTests {
    /// A temporary folder with a throwaway CA and the emulator's certificate, removed afterwards.
    static func withTLSEmulator(_ body: (RunningEmulator, ThrowawayCertificateAuthority, URL) async throws -> Void)
        async throws
    {
        try await withTemporaryDirectory { folder in
            let authority = try ThrowawayCertificateAuthority(in: folder)
            var configuration = EmulatorConfiguration()
            configuration.tls = authority.server
            try await withEmulator(configuration) { emulator in try await body(emulator, authority, folder) }
        }
    }

    /// RegisterClient through a transport trusting `bundle` (nil: the system's roots).
    static func register(_ emulator: RunningEmulator, bundle: CABundle?) async throws(WireError) -> ClientRegistration {
        let transport = NIOHTTPTransport(timeout: .seconds(10), caBundle: bundle)
        let oidc = OIDCClient(endpoint: emulator.baseURL, transport: transport)
        return try await oidc.registerClient(
            name: "cabundle-test", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
    }

    /// The message of a connection failure, or a marker when something else happened.
    static func failureReason(_ body: () async throws(WireError) -> Void) async -> String {
        do {
            try await body()
            return "succeeded"
        } catch .connectionFailed(_, let reason) {
            return reason
        } catch {
            return "other error: \(error.code)"
        }
    }

    @Test("the emulator serves https and a bundle with its CA makes the real client succeed")
    func trustedThroughBundle() async throws {
        try await Self.withTLSEmulator { emulator, authority, _ in
            #expect(emulator.baseURL.scheme == "https")
            let bundle = try CABundle(path: authority.caCertificatePath, source: "test")
            let registration = try await Self.register(emulator, bundle: bundle)
            #expect(!registration.clientID.isEmpty)
            // The device page the emulator hands out follows the scheme.
            let transport = NIOHTTPTransport(timeout: .seconds(10), caBundle: bundle)
            let oidc = OIDCClient(endpoint: emulator.baseURL, transport: transport)
            let start = try await oidc.startDeviceAuthorization(
                clientID: registration.clientID, clientSecret: registration.clientSecret,
                startURL: emulator.portals[0].startURL)
            #expect(start.verificationURI.hasPrefix("https://127.0.0.1:\(emulator.port)/"))
        }
    }

    @Test("without a bundle the handshake fails with the not-trusted message naming the variables")
    func untrustedWithoutBundle() async throws {
        try await Self.withTLSEmulator { emulator, _, _ in
            let reason = await Self.failureReason { () async throws(WireError) in
                _ = try await Self.register(emulator, bundle: nil)
            }
            #expect(reason.hasPrefix("the server's certificate is not trusted"), "\(reason)")
            #expect(reason.contains("AWS_CA_BUNDLE") && reason.contains("ca_bundle"))
            #expect(reason.contains("127.0.0.1:\(emulator.port)"))
        }
    }

    @Test("a bundle holding an unrelated CA fails likewise: the bundle replaces the roots, it does not add")
    func unrelatedBundleReplaces() async throws {
        try await Self.withTLSEmulator { emulator, _, folder in
            let other = folder.appendingPathComponent("other", isDirectory: true)
            try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
            let unrelated = try ThrowawayCertificateAuthority(in: other)
            let bundle = try CABundle(path: unrelated.caCertificatePath, source: "test")
            let reason = await Self.failureReason { () async throws(WireError) in
                _ = try await Self.register(emulator, bundle: bundle)
            }
            #expect(reason.hasPrefix("the server's certificate is not trusted"), "\(reason)")
        }
    }

    @Test("through an HTTPS_PROXY tunnel the bundle applies too, and the proxied client without it refuses")
    func throughProxy() async throws {
        let proxy = try TunnelProxy()
        defer { proxy.stop() }
        try await Self.withTLSEmulator { emulator, authority, _ in
            let proxies = try ProxySettings(environment: ["HTTPS_PROXY": proxy.url()])
            let bundle = try CABundle(path: authority.caCertificatePath, source: "test")
            let trusting = OIDCClient(
                endpoint: emulator.baseURL,
                transport: NIOHTTPTransport(timeout: .seconds(10), proxies: proxies, caBundle: bundle))
            _ = try await trusting.registerClient(
                name: "cabundle-test", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            #expect(
                proxy.stats.tunnels >= 1 && proxy.stats.targets.allSatisfy { $0 == "127.0.0.1:\(emulator.port)" },
                "\(proxy.stats)")
            let plain = OIDCClient(
                endpoint: emulator.baseURL, transport: NIOHTTPTransport(timeout: .seconds(10), proxies: proxies))
            let reason = await Self.failureReason { () async throws(WireError) in
                _ = try await plain.registerClient(
                    name: "cabundle-test", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            }
            #expect(reason.hasPrefix("the server's certificate is not trusted"), "\(reason)")
        }
    }

    @Test("the client's TLS configuration trusts the bundle's certificates only, not the system's roots")
    func trustRootsReplaced() throws {
        try withTemporaryDirectory { folder in
            let bundle = try CABundle(
                path: try ThrowawayCertificateAuthority(in: folder).caCertificatePath, source: "test")
            let tls = HTTPClients.tlsConfiguration(trusting: bundle)
            #expect(bundle.certificates.count == 1)
            #expect(tls.trustRoots == .certificates(bundle.certificates))
            #expect(tls.additionalTrustRoots.isEmpty)
        }
    }

    @Test("a missing file and a file without a PEM certificate are errors naming the source and the path")
    func unusableBundles() throws {
        try withTemporaryDirectory { folder in
            let missing = folder.appendingPathComponent("missing.pem").path
            #expect(
                throws: CABundleError.unreadable(
                    source: "environment variable AWS_CA_BUNDLE", path: missing, reason: "no such file")
            ) {
                try CABundle(path: missing, source: "environment variable AWS_CA_BUNDLE")
            }
            let empty = folder.appendingPathComponent("empty.pem")
            try Data("not a certificate\n".utf8).write(to: empty)
            let error = #expect(throws: CABundleError.self) {
                try CABundle(path: empty.path, source: "ca_bundle of profile dev")
            }
            #expect(error == .noCertificates(source: "ca_bundle of profile dev", path: empty.path))
            #expect(error?.description.contains(empty.path) == true)
        }
    }
}
