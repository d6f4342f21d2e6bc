import AsyncHTTPClient
import CredentialServer
import Foundation
import SSOEmulator
import TestSupport
import Testing

@testable import SessionActors

@Suite("Credential server: security")
struct SecurityTests {
    /// Runs `body` with a server for the sandbox's first profile only (the others are outside the selection).
    private func withServer(
        imds: Bool = false, _ body: (RunningCredentialServer, ServerSandbox, String) async throws -> Void
    ) async throws {
        try await ServerSandbox.withEmulator(CredentialServerTests.emulatorConfiguration()) { emulator, sandbox in
            try await sandbox.logIn()
            let directory = try sandbox.directory(policy: .never)
            let (token, secret) = ServerSandbox.newToken()
            let first = try directory.profile(named: sandbox.profileNames[0])
            let configuration = CredentialServerConfiguration(
                token: token, profiles: [first], imdsProfile: imds ? first : nil)
            try await withCredentialServer(configuration, directory: directory) { server in
                try await body(server, sandbox, secret)
            }
        }
    }

    @Test("no token 401, wrong token 403, wrong or repeated Host refused, other profiles 404")
    func refusals() async throws {
        try await withServer { server, sandbox, secret in
            let path =
                "/profiles/" + sandbox.profileNames[0].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let ok = await RawHTTP.get(path, port: server.port, headers: [("Authorization", secret)])
            #expect(ok?.status == 200)
            let missing = await RawHTTP.get(path, port: server.port)
            #expect(missing?.status == 401)
            #expect(missing?.body.contains("AccessKeyId") == false)
            let wrong = await RawHTTP.get(
                path, port: server.port,
                headers: [("Authorization", String(secret.dropLast()) + (secret.hasSuffix("0") ? "1" : "0"))])
            #expect(wrong?.status == 403)
            let prefixed = await RawHTTP.get(path, port: server.port, headers: [("Authorization", secret + secret)])
            #expect(prefixed?.status == 403)
            let twice = await RawHTTP.get(
                path, port: server.port, headers: [("Authorization", "x"), ("Authorization", secret)])
            #expect(twice?.status == 401)
            let rebound = await RawHTTP.get(
                path, port: server.port,
                headers: [("Host", "attacker.example:\(server.port)"), ("Authorization", secret)])
            #expect(rebound?.status == 400)
            let twoHosts = await RawHTTP.get(
                path, port: server.port,
                headers: [("Host", "127.0.0.1"), ("Host", "evil.example"), ("Authorization", secret)])
            #expect(twoHosts.map { $0.status >= 400 } ?? true)
            #expect(
                await RawHTTP.get(
                    path, port: server.port, headers: [("Host", "localhost:\(server.port)"), ("Authorization", secret)])?
                    .status == 200)
            let other =
                "/profiles/" + sandbox.profileNames[1].addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(await RawHTTP.get(other, port: server.port, headers: [("Authorization", secret)])?.status == 404)
            let post = await RawHTTP.send(
                "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                port: server.port)
            #expect(post?.status == 405)
        }
    }

    @Test("oversized bodies, heads and paths are refused")
    func oversized() async throws {
        try await withServer { server, _, secret in
            let body = String(repeating: "x", count: 64 * 1024)
            let large = await RawHTTP.send(
                "POST /profiles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: \(secret)\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
                    + body,
                port: server.port)
            #expect(large?.status == 413)
            let header = await RawHTTP.get(
                "/profiles", port: server.port,
                headers: [("Authorization", secret), ("X-Padding", String(repeating: "y", count: 20_000))])
            #expect(header.map { $0.status >= 400 } ?? true, "refused or closed")
            let path = await RawHTTP.get(
                "/profiles/" + String(repeating: "z", count: 4096), port: server.port,
                headers: [("Authorization", secret)])
            #expect(path.map { $0.status == 414 || $0.status == 400 } ?? true)
            #expect(
                await RawHTTP.get("/profiles", port: server.port, headers: [("Authorization", secret)])?.status == 200,
                "still serving")
        }
    }

    @Test("a non-loopback address is refused unless explicitly allowed")
    func nonLoopback() async throws {
        try await ServerSandbox.withEmulator(CredentialServerTests.emulatorConfiguration()) { emulator, sandbox in
            let directory = try sandbox.directory(policy: .never)
            var configuration = try sandbox.configuration(directory)
            configuration.host = "0.0.0.0"
            await #expect(throws: CredentialServerError.self) {
                try await withCredentialServer(configuration, directory: directory) { _ in }
            }
            configuration.allowNonLoopback = true
            let port = try await withCredentialServer(configuration, directory: directory) { server in server.port }
            #expect(port > 0)
        }
    }

    @Test("IMDSv2: token first, X-Forwarded-For refused, credentials of the one profile")
    func imds() async throws {
        try await withServer(imds: true) { server, _, _ in
            let port = server.port
            #expect(
                await RawHTTP.get("/latest/meta-data/iam/security-credentials/", port: port)?.status == 401, "no IMDSv1"
            )
            let forwarded = await RawHTTP.send(
                "PUT /latest/api/token HTTP/1.1\r\nHost: 127.0.0.1\r\nX-aws-ec2-metadata-token-ttl-seconds: 60\r\nX-Forwarded-For: 10.0.0.1\r\nContent-Length: 0\r\n\r\n",
                port: port)
            #expect(forwarded?.status == 403)
            guard
                let issued = await RawHTTP.send(
                    "PUT /latest/api/token HTTP/1.1\r\nHost: 127.0.0.1\r\nX-aws-ec2-metadata-token-ttl-seconds: 60\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    port: port),
                issued.status == 200
            else {
                Issue.record("no IMDS token")
                return
            }
            let headers = [("X-aws-ec2-metadata-token", issued.body)]
            let role = await RawHTTP.get("/latest/meta-data/iam/security-credentials/", port: port, headers: headers)
            #expect(role?.status == 200)
            let name = role?.body ?? ""
            let document = await RawHTTP.get(
                "/latest/meta-data/iam/security-credentials/" + name, port: port, headers: headers)
            #expect(document?.status == 200)
            #expect(document?.body.contains("\"Code\":\"Success\"") == true)
            let forwardedGet = await RawHTTP.get(
                "/latest/meta-data/iam/security-credentials/" + name, port: port,
                headers: headers + [("X-Forwarded-For", "1.2.3.4")])
            #expect(forwardedGet?.status == 403)
            #expect(
                await RawHTTP.get(
                    "/latest/meta-data/iam/security-credentials/" + name, port: port,
                    headers: [("X-aws-ec2-metadata-token", "guess")])?.status == 401)
        }
    }

    @Test("10,000 wrong-token requests do not slow the valid ones")
    func wrongTokenFlood() async throws {
        try await withServer { server, sandbox, secret in
            let url = server.url(forProfile: sandbox.profileNames[0])
            try await ServerClient.with { client in
                _ = try await ServerClient.get(client, url, token: secret)
                let flood = Task {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        var statuses: [Int] = []
                        for index in 0..<10_000 {
                            if index >= 64, let status = try await group.next() { statuses.append(status) }
                            group.addTask { try await ServerClient.get(client, url, token: "wrong-\(index)").status }
                        }
                        for try await status in group { statuses.append(status) }
                        return statuses
                    }
                }
                var latencies: [Duration] = []
                for _ in 0..<50 {
                    let started = ContinuousClock.now
                    let answer = try await ServerClient.get(client, url, token: secret)
                    latencies.append(started.duration(to: .now))
                    #expect(answer.status == 200)
                }
                let statuses = try await flood.value
                #expect(statuses.count == 10_000)
                #expect(statuses.allSatisfy { $0 == 403 || $0 == 429 })
                #expect(statuses.contains(429), "the refusal budget was spent")
                let slowest = latencies.max() ?? .zero
                #expect(slowest < .seconds(2), "slowest valid request during the flood: \(slowest)")
            }
        }
    }
}
