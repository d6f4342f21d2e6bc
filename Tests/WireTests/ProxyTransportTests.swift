import Foundation
import SSOEmulator
import SSOWire
import TestSupport
import Testing

/// The NIO transport through a real HTTP CONNECT proxy (``TunnelProxy``) in front of the real emulator:
/// what goes through it, what bypasses it, and the errors when it is down or refuses.
@Suite("NIO transport through an HTTP proxy")
struct ProxyTransportTests {
    /// One RegisterClient call with the real OIDC client, through `environment`'s proxies.
    static func register(_ emulator: RunningEmulator, _ environment: [String: String]) async throws {
        let transport = NIOHTTPTransport(timeout: .seconds(10), proxies: try ProxySettings(environment: environment))
        let oidc = OIDCClient(endpoint: emulator.baseURL, transport: transport)
        _ = try await oidc.registerClient(
            name: "proxy-test", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
    }

    /// The error of a RegisterClient call that must fail with a WireError.
    static func failure(_ emulator: RunningEmulator, _ environment: [String: String]) async -> WireError? {
        await #expect(throws: WireError.self) { try await register(emulator, environment) }
    }

    @Test("with HTTP_PROXY set, requests to the emulator go through a CONNECT tunnel of the proxy")
    func throughProxy() async throws {
        let proxy = try TunnelProxy()
        defer { proxy.stop() }
        try await withEmulator { emulator in
            for _ in 0..<3 { try await Self.register(emulator, ["HTTP_PROXY": proxy.url()]) }
            let stats = proxy.stats
            #expect(stats.tunnels >= 1, "\(stats)")
            #expect(
                stats.targets.count == stats.tunnels && stats.targets.allSatisfy { $0 == "127.0.0.1:\(emulator.port)" },
                "\(stats)")
            #expect(
                stats.otherRequests.isEmpty, "AHC forwarded a request instead of tunnelling: \(stats.otherRequests)")
            #expect(stats.authorizations.allSatisfy { $0 == nil })
            #expect(await emulator.stats().calls["RegisterClient"] == 3)
        }
    }

    @Test("a NO_PROXY match, or only HTTPS_PROXY for an http URL, goes direct: the proxy sees nothing")
    func bypass() async throws {
        let proxy = try TunnelProxy()
        defer { proxy.stop() }
        try await withEmulator { emulator in
            try await Self.register(emulator, ["HTTP_PROXY": proxy.url(), "NO_PROXY": "example.com, 127.0.0.1"])
            try await Self.register(emulator, ["http_proxy": proxy.url(), "no_proxy": "127.0.0.1:\(emulator.port)"])
            try await Self.register(emulator, ["HTTPS_PROXY": proxy.url()])
            #expect(proxy.stats == TunnelProxy.Stats())
            #expect(await emulator.stats().calls["RegisterClient"] == 3)
        }
    }

    @Test("Basic credentials from user:password@ reach the proxy as Proxy-Authorization")
    func credentials() async throws {
        let password = "s3cret p@ss:word"
        let expected = "Basic " + Data("alice:\(password)".utf8).base64EncodedString()
        let proxy = try TunnelProxy(.requireAuthorization(expected))
        defer { proxy.stop() }
        try await withEmulator { emulator in
            try await Self.register(emulator, ["HTTP_PROXY": proxy.url(username: "alice", password: password)])
            #expect(proxy.stats.tunnels >= 1)
            #expect(proxy.stats.authorizations.allSatisfy { $0 == expected }, "\(proxy.stats.authorizations)")

            let wrong = await Self.failure(
                emulator, ["HTTP_PROXY": proxy.url(username: "alice", password: "wrong-\(password)")])
            let text = wrong.map { "\($0)" } ?? "no error"
            #expect(wrong?.code == "connection_failed", "\(text)")
            #expect(
                text.contains("cannot connect through proxy \(proxy.authority): the proxy requires authentication"),
                "\(text)")
            #expect(!text.contains(password) && !text.contains("alice"), "\(text)")
        }
    }

    @Test("a proxy that is down fails with an error naming the proxy's host and port, not its credentials")
    func proxyDown() async throws {
        let proxy = try RefusingPort()
        try await withEmulator { emulator in
            let error = await Self.failure(emulator, ["HTTP_PROXY": "http://alice:hunter2@127.0.0.1:\(proxy.port)"])
            let text = error.map { "\($0)" } ?? "no error"
            #expect(error?.code == "connection_failed", "\(text)")
            #expect(
                text.contains("cannot connect through proxy 127.0.0.1:\(proxy.port): connection refused"), "\(text)")
            #expect(!text.contains("hunter2") && !text.contains("alice"), "\(text)")
            #expect(await emulator.stats().calls["RegisterClient"] == nil)
        }
    }

    @Test("a proxy that answers CONNECT with 403 fails with an error saying it refused the tunnel")
    func tunnelRefused() async throws {
        let proxy = try TunnelProxy(.reject(status: 403))
        defer { proxy.stop() }
        try await withEmulator { emulator in
            let error = await Self.failure(emulator, ["HTTP_PROXY": proxy.url()])
            let text = error.map { "\($0)" } ?? "no error"
            #expect(
                text.contains("cannot connect through proxy \(proxy.authority): the proxy refused the tunnel"),
                "\(text)")
            #expect(proxy.stats.targets.first == "127.0.0.1:\(emulator.port)" && proxy.stats.tunnels == 0)
        }
    }
}
