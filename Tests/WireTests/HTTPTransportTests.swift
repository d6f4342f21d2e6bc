import AWSFormats
import Foundation
import SSOEmulator
import SSOWire
import SSOWireURLSession
import TestSupport
import Testing

@testable import SessionActors

/// The transports against real loopback sockets: both keep the same failure contract (the emulator
/// tests cover the happy paths, on the production transport).
@Suite("HTTP transports: failure contract")
struct HTTPTransportTests {
    /// Each transport the library ships.
    enum Kind: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case nio
        case urlSession

        func make(timeout: Duration) -> any HTTPTransport {
            switch self {
            case .nio: NIOHTTPTransport(timeout: timeout)
            case .urlSession: URLSessionTransport(timeout: timeout)
            }
        }

        var testDescription: String { rawValue }
    }

    static let secret = "s3cr3t-t0k3n-never-in-errors"

    /// A request that carries a secret in a header and in the body, as the real ones do.
    static func secretRequest(_ url: URL, timeout: Duration? = nil) -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: url,
            headers: [("x-amz-sso_bearer_token", secret), ("content-type", "application/json")],
            body: Data("{\"clientSecret\":\"\(secret)\"}".utf8), timeout: timeout, operation: "CreateToken")
    }

    static func failure(_ body: () async throws(WireError) -> HTTPResponse) async -> WireError? {
        do {
            let response = try await body()
            Issue.record("expected a failure, got HTTP \(response.status)")
            return nil
        } catch {
            return error
        }
    }

    @Test("a refused connection is connectionFailed and retryable", arguments: Kind.allCases)
    func refused(kind: Kind) async throws {
        let refusing = try RefusingPort()
        let port = refusing.port
        let transport = kind.make(timeout: .seconds(5))
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/assignment/accounts"))
        let error = try #require(
            await Self.failure { () async throws(WireError) in
                try await transport.send(HTTPRequest(method: "GET", url: url, operation: "ListAccounts"))
            })
        #expect(error.code == "connection_failed")
        #expect(error.operation == "ListAccounts")
        #expect(error.isRetryable)
        #expect(error.description.contains("connection refused (127.0.0.1:\(port))"))
        withExtendedLifetime(refusing) {}
    }

    @Test("a server that never answers hits the per-request deadline", arguments: Kind.allCases)
    func deadline(kind: Kind) async throws {
        // Bound and listening, but nobody accepts: the connection is made, no answer ever comes.
        let listener = try LoopbackListener()
        defer { Task { await listener.close() } }
        let transport = kind.make(timeout: .seconds(30))
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/token"))
        let started = ContinuousClock.now
        let error = try #require(
            await Self.failure { () async throws(WireError) in
                try await transport.send(
                    HTTPRequest(method: "GET", url: url, timeout: .milliseconds(400), operation: "CreateToken"))
            })
        #expect(error.code == "timed_out")
        #expect(error.isRetryable)
        let elapsed = ContinuousClock.now - started
        // It waited for the deadline and then gave up promptly (without one it would wait forever); the
        // upper bound leaves room for a heavily loaded machine.
        #expect(elapsed >= .milliseconds(390) && elapsed < .seconds(10))
    }

    @Test("the deadline also covers a body that stalls after the head", arguments: Kind.allCases)
    func stalledBody(kind: Kind) async throws {
        let server = try CannedHTTPServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":", then: .stall)
        defer { server.stop() }
        let transport = kind.make(timeout: .seconds(30))
        let request = Self.secretRequest(try server.url("/token"), timeout: .milliseconds(500))
        let started = ContinuousClock.now
        let error = try #require(await Self.failure { () async throws(WireError) in try await transport.send(request) })
        #expect(error.code == "timed_out")
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(490) && elapsed < .seconds(10))
        #expect(!error.description.contains(Self.secret))
    }

    @Test("a connection closed in the middle of the body is a dropped connection", arguments: Kind.allCases)
    func droppedMidBody(kind: Kind) async throws {
        let server = try CannedHTTPServer("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"partial\":")
        defer { server.stop() }
        let request = Self.secretRequest(try server.url("/token"))
        let error = try #require(
            await Self.failure { () async throws(WireError) in
                try await kind.make(timeout: .seconds(10)).send(request)
            })
        #expect(error.code == "connection_failed")
        #expect(error.isRetryable)
        #expect(!error.description.contains(Self.secret))
    }

    @Test("a connection closed before any answer is a dropped connection", arguments: Kind.allCases)
    func droppedBeforeAnswer(kind: Kind) async throws {
        let server = try CannedHTTPServer("")
        defer { server.stop() }
        let request = Self.secretRequest(try server.url("/token"))
        let error = try #require(
            await Self.failure { () async throws(WireError) in
                try await kind.make(timeout: .seconds(10)).send(request)
            })
        #expect(error.code == "connection_failed")
        #expect(error.description.contains("connection dropped before a complete answer"))
        #expect(!error.description.contains(Self.secret))
    }

    /// NIO only: URLSession on Linux reports such an answer as URL error -1002 (unsupported URL).
    @Test("a response that is not HTTP is invalidResponse, without the request's secrets")
    func malformed() async throws {
        let server = try CannedHTTPServer("HTTP/1.1 abc definitely not HTTP\r\n\r\n")
        defer { server.stop() }
        let request = Self.secretRequest(try server.url("/token"))
        let error = try #require(
            await Self.failure { () async throws(WireError) in
                try await NIOHTTPTransport(timeout: .seconds(10)).send(request)
            })
        #expect(error.code == "invalid_response")
        #expect(error.description.contains("malformed HTTP response"))
        #expect(!error.isRetryable)
        #expect(!error.description.contains(Self.secret))
    }

    @Test("TLS to a server that speaks plain HTTP is connectionFailed (TLS failed)", arguments: Kind.allCases)
    func tlsFailure(kind: Kind) async throws {
        let server = try CannedHTTPServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", atFirstByte: true)
        defer { server.stop() }
        let url = try #require(URL(string: "https://127.0.0.1:\(server.port)/token"))
        let error = try #require(
            await Self.failure { () async throws(WireError) in
                try await kind.make(timeout: .seconds(10)).send(Self.secretRequest(url))
            })
        #expect(error.code == "connection_failed")
        // URLSession on Linux reports it as URL error -1 (unknown).
        if kind == .nio { #expect(error.description.contains("TLS failed")) }
        #expect(!error.description.contains(Self.secret))
    }

    @Test("a 3xx comes back as it is, never followed", arguments: Kind.allCases)
    func redirectNotFollowed(kind: Kind) async throws {
        // The target would refuse the connection: following it would fail the request.
        let server = try CannedHTTPServer(
            "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: 5\r\nConnection: close\r\n\r\nmoved"
        )
        defer { server.stop() }
        let response = try await kind.make(timeout: .seconds(10)).send(
            HTTPRequest(method: "GET", url: try server.url("/authorize"), operation: "Authorize"))
        #expect(response.status == 302)
        #expect(response.header("Location") == "http://127.0.0.1:9/elsewhere")
        // URLSession on Linux drops the body of a redirect it was told not to follow.
        if kind == .nio { #expect(response.body == Data("moved".utf8)) }
    }

    @Test("cancelling the calling task ends the request promptly with cancelled", arguments: Kind.allCases)
    func cancellation(kind: Kind) async throws {
        let listener = try LoopbackListener()
        defer { Task { await listener.close() } }
        let transport = kind.make(timeout: .seconds(30))
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/token"))
        let request = Task {
            await Self.failure { () async throws(WireError) in
                try await transport.send(HTTPRequest(method: "GET", url: url, operation: "CreateToken"))
            }
        }
        // The listener never answers and signals nothing: the request gets wall time to be in flight
        // (cancelled earlier, it fails the same way, so this only widens what is covered).
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        request.cancel()
        let error = await request.value
        #expect(ContinuousClock.now - cancelled < .seconds(5))
        #expect(error?.code == "cancelled")
        #expect(error?.operation == "CreateToken")
    }

    @Test("a non-JSON error answer decodes to the HTTP status as the code", arguments: Kind.allCases)
    func statusFallback(kind: Kind) async throws {
        let listener = try LoopbackListener()
        let waiting = Task { try await listener.waitForCode(expectedState: "s", timeout: .seconds(20)) }
        defer { waiting.cancel() }
        let client = OIDCClient(
            endpoint: try #require(URL(string: "http://127.0.0.1:\(listener.port)")),
            transport: kind.make(timeout: .seconds(5)))
        do {
            _ = try await client.registerClient(
                name: "botocore-client-x", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            Issue.record("expected a failure")
        } catch {
            // The loopback listener answers POST with 405 and an HTML page.
            #expect(error.serviceError?.status == 405)
            #expect(error.code == "405")
            #expect(error.operation == "RegisterClient")
        }
    }

    @Test("500 concurrent GetRoleCredentials against the emulator all succeed on the NIO transport")
    func fanOut() async throws {
        try await withEmulator { emulator in
            let transport = NIOHTTPTransport(timeout: .seconds(60))
            let oidc = OIDCClient(endpoint: emulator.baseURL, transport: transport)
            let portal = PortalClient(endpoint: emulator.baseURL, transport: transport, pageRetry: .none)
            let token = try await EmulatorWireTests.deviceLogin(emulator, oidc: oidc).accessToken
            let pairs = emulator.portals[0].accounts.flatMap { account in
                account.roles.map { (account.accountID, $0) }
            }
            try #require(!pairs.isEmpty)
            let succeeded = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<500 {
                    let (accountID, role) = pairs[index % pairs.count]
                    group.addTask {
                        let credentials = try? await portal.getRoleCredentials(
                            accessToken: token, accountID: accountID, roleName: role)
                        return credentials.map { !$0.secretAccessKey.isEmpty } ?? false
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(succeeded == 500)
            #expect(await emulator.stats().calls["GetRoleCredentials"] == 500)
        }
    }
}
