import Foundation
import Testing
import SSOWire
@testable import SessionActors

/// The production transport against real loopback sockets (the emulator tests cover the happy paths).
@Suite("URLSession transport failures")
struct URLSessionTransportTests {
    @Test("a refused connection is connectionFailed and retryable")
    func refused() async throws {
        let listener = try LoopbackListener()
        let port = listener.port
        await listener.close()
        let transport = URLSessionTransport(timeout: .seconds(5))
        let url = try #require(URL(string: "http://127.0.0.1:\(port)/assignment/accounts"))
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: url, operation: "ListAccounts"))
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == "connection_failed")
            #expect(error.operation == "ListAccounts")
            #expect(error.isRetryable)
        }
    }

    @Test("a server that never answers hits the per-request deadline")
    func deadline() async throws {
        // Bound and listening, but nobody accepts: the connection is made, no answer ever comes.
        let listener = try LoopbackListener()
        defer { Task { await listener.close() } }
        let transport = URLSessionTransport(timeout: .seconds(30))
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/token"))
        let started = ContinuousClock.now
        do {
            _ = try await transport.send(
                HTTPRequest(method: "GET", url: url, timeout: .milliseconds(400), operation: "CreateToken"))
            Issue.record("expected a timeout")
        } catch {
            #expect(error.code == "timed_out")
            #expect(error.isRetryable)
        }
        let elapsed = ContinuousClock.now - started
        // It waited for the deadline and then gave up (without one it would wait forever); the upper bound
        // leaves room for a heavily loaded machine.
        #expect(elapsed >= .milliseconds(390) && elapsed < .seconds(30))
    }

    @Test("a non-JSON error answer decodes to the HTTP status as the code")
    func statusFallback() async throws {
        let listener = try LoopbackListener()
        let waiting = Task { try await listener.waitForCode(expectedState: "s", timeout: .seconds(20)) }
        defer { waiting.cancel() }
        let client = OIDCClient(endpoint: try #require(URL(string: "http://127.0.0.1:\(listener.port)")),
                                transport: URLSessionTransport(timeout: .seconds(5)))
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
}
