import Foundation
import SSOEmulator
import TestSupport
import Testing

/// The built `multisso` behind an HTTP proxy (``TunnelProxy`` in this test process) in front of the
/// emulator process: HTTP_PROXY is honoured, its credentials are sent but never printed, and a proxy
/// that is down or a value that cannot be parsed ends with a clear message.
@Suite("CLI behind an HTTP proxy")
struct ProxyCLITests {
    static let emulator = ["--portals", "1", "--accounts", "2", "--roles-per-account", "2", "--auto-approve"]
    static let password = "hunter2-proxy"

    @Test("login --all with HTTP_PROXY goes through the proxy with Basic credentials; -v masks the password")
    func loginThroughProxy() async throws {
        let expected = "Basic " + Data("alice:\(Self.password)".utf8).base64EncodedString()
        let proxy = try TunnelProxy(.requireAuthorization(expected))
        defer { proxy.stop() }
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let variables = ["HTTP_PROXY": proxy.url(username: "alice", password: Self.password)]
            let result = try await sandbox.multisso(
                ["login", "--all", "--use-device-code", "--no-browser", "-v"], environment: variables)
            #expect(result.status == 0, "\(result)")
            let stats = proxy.stats
            let emulatorAuthority = "127.0.0.1:\(sandbox.emulator.baseURL.port ?? 0)"
            #expect(stats.tunnels >= 1, "\(stats)")
            #expect(stats.targets.allSatisfy { $0 == emulatorAuthority }, "\(stats.targets)")
            #expect(stats.authorizations.allSatisfy { $0 == expected }, "\(stats.authorizations)")
            #expect(stats.otherRequests.isEmpty, "\(stats.otherRequests)")
            #expect(try await sandbox.emulator.stats().totalRoleCredentials == sandbox.profiles.count)
            #expect(result.stderr.contains("http via http://alice:***@\(proxy.authority)"), "\(result)")
            #expect(!result.stdout.contains(Self.password) && !result.stderr.contains(Self.password), "\(result)")
        }
    }

    @Test("a proxy that is down ends the login with an error naming the proxy, not its password")
    func proxyDown() async throws {
        let proxy = try RefusingPort()
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let variables = ["HTTP_PROXY": "http://alice:\(Self.password)@127.0.0.1:\(proxy.port)"]
            let result = try await sandbox.multisso(
                ["login", "--all", "--use-device-code", "--no-browser", "-v"], environment: variables)
            #expect(result.status != 0, "\(result)")
            #expect(
                result.stderr.contains("cannot connect through proxy 127.0.0.1:\(proxy.port): connection refused"),
                "\(result)")
            #expect(!result.stdout.contains(Self.password) && !result.stderr.contains(Self.password), "\(result)")
            #expect(try await sandbox.emulator.stats().calls.isEmpty)
        }
    }

    @Test("an unparsable proxy variable is a configuration error (exit 3) naming the variable")
    func invalidProxyVariable() async throws {
        try await CLISandbox.run(emulator: Self.emulator) { sandbox in
            let profile = sandbox.profiles[0].name
            for arguments in [["login", "--all"], ["credential-process", "--profile", profile]] {
                let result = try await sandbox.multisso(
                    arguments, environment: ["https_proxy": "http://alice:\(Self.password)@proxy.corp:notaport"])
                #expect(result.status == 3, "\(result)")
                #expect(result.stderr.contains("https_proxy"), "\(result)")
                #expect(!result.stderr.contains(Self.password), "\(result)")
            }
            let scheme = try await sandbox.multisso(
                ["status"], environment: ["HTTPS_PROXY": "socks5://proxy.corp:1080"])
            #expect(scheme.status == 3 && scheme.stderr.contains("HTTPS_PROXY names a socks5:// proxy"), "\(scheme)")
        }
    }
}
