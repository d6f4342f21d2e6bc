import CredentialServer
import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Credential server: connections (pipelining, HTTP/1.0, malformed requests, idle timeout)")
struct ConnectionTests {
    private func withServer(
        idleTimeout: Duration = .seconds(30),
        _ body: (RunningCredentialServer, ServerSandbox, String) async throws -> Void
    ) async throws {
        try await ServerSandbox.withEmulator(CredentialServerTests.emulatorConfiguration()) { emulator, sandbox in
            try await sandbox.logIn()
            let directory = try sandbox.directory(policy: .never)
            let (token, secret) = ServerSandbox.newToken()
            var configuration = try sandbox.configuration(directory, token: token)
            configuration.idleTimeout = idleTimeout
            try await withCredentialServer(configuration, directory: directory) { server in
                try await body(server, sandbox, secret)
            }
        }
    }

    private static func statuses(_ text: String) -> [Int] {
        text.components(separatedBy: "HTTP/1.1 ").dropFirst().compactMap { Int($0.prefix(3)) }
    }

    @Test("pipelined requests are answered in order, the router's and the cached ones alike, then the close")
    func pipelined() async throws {
        try await withServer { server, sandbox, secret in
            let path = server.url(forProfile: sandbox.profileNames[0]).dropFirst(server.baseURL.count)
            let get = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n"
            let listing = "GET /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n"
            let missing = "GET /profiles/nobody HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n"
            let last =
                "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\nConnection: close\r\n\r\n"
            let answer = await RawHTTP.sendUntilClosed(get + listing + get + missing + get + last, port: server.port)
            #expect(Self.statuses(answer.text) == [200, 200, 200, 404, 200, 200])
            #expect(answer.text.components(separatedBy: "Connection: keep-alive").count == 6)
            #expect(answer.text.hasSuffix("}"), "ends with the last body, then the server closed")
            #expect(answer.text.components(separatedBy: "\"Profiles\":").count == 2)
        }
    }

    @Test("HTTP/1.0 is answered and closed unless it asks for keep-alive")
    func http10() async throws {
        try await withServer { server, _, secret in
            let closed = await RawHTTP.sendUntilClosed(
                "GET /profiles HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n", port: server.port)
            #expect(Self.statuses(closed.text) == [200])
            #expect(closed.text.contains("Connection: close\r\n"))
            let kept = await RawHTTP.sendUntilClosed(
                "GET /profiles HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\nConnection: keep-alive\r\n\r\n"
                    + "GET /profiles HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n",
                port: server.port)
            #expect(Self.statuses(kept.text) == [200, 200])
        }
    }

    @Test("a malformed request after a good one: the good one answered, then 400 and the connection closed")
    func malformed() async throws {
        try await withServer { server, _, secret in
            let answer = await RawHTTP.sendUntilClosed(
                "GET /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n"
                    + "GET /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\n folded\r\n\r\n"
                    + "GET /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n",
                port: server.port)
            #expect(Self.statuses(answer.text) == [200, 400])
            #expect(answer.text.contains("\"Code\":\"BadRequest\""))
            let chunked = await RawHTTP.sendUntilClosed(
                "POST /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
                port: server.port)
            #expect(Self.statuses(chunked.text) == [501])
        }
    }

    @Test("a silent connection is closed after the idle timeout, a busy one is not")
    func idle() async throws {
        try await withServer(idleTimeout: .seconds(2)) { server, _, secret in
            let silent = await RawHTTP.sendUntilClosed("", port: server.port, timeout: 20)
            #expect(silent.text.isEmpty)
            #expect(silent.seconds >= 1.9 && silent.seconds < 10, "closed after \(silent.seconds) s")
            let half = await RawHTTP.sendUntilClosed(
                "GET /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\n", port: server.port, timeout: 20)
            #expect(half.text.isEmpty, "an unfinished head gets nothing")
            #expect(half.seconds >= 1.9 && half.seconds < 10, "closed after \(half.seconds) s")
            let answered = await RawHTTP.sendUntilClosed(
                "GET /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\n\r\n", port: server.port,
                timeout: 20)
            #expect(Self.statuses(answered.text) == [200])
            #expect(answered.seconds >= 1.9, "kept alive after the answer until idle")
        }
    }
}
