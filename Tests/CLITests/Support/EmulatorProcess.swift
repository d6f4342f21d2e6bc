import Foundation
import SSOEmulator

#if canImport(FoundationNetworking)
    import FoundationNetworking
    import TestSupport
#endif

/// A running `sso-emulator` process on port 0: its base URL and portals (read from its first stdout
/// lines, the documented contract), its admin routes, and a way to stop it.
final class EmulatorProcess: Sendable {
    struct StartFailed: Error, CustomStringConvertible {
        var description: String
    }

    struct AdminFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// One `portal NAME start_url=URL region=REGION` line.
    struct Portal: Sendable, Equatable {
        var name: String
        var startURL: String
        var region: String
    }

    let child: ChildRun
    let baseURL: URL
    let portals: [Portal]
    /// The directory of an HTTPS emulator, known beforehand: this process's URLSession cannot trust the
    /// throwaway CA, so the `/_admin` routes are out of reach then.
    let knownDirectory: EmulatorDirectory?

    /// Starts the emulator with `arguments` (plus `--port 0`) and waits for its first lines. With
    /// `knownDirectory` (an HTTPS emulator) the admin routes are not asked.
    init(_ arguments: [String], in folder: URL, knownDirectory: EmulatorDirectory? = nil) async throws {
        self.knownDirectory = knownDirectory
        let child = try ChildRun(
            try TestBinaries.emulator(), ["--port", "0"] + arguments,
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"], in: folder, name: "sso-emulator")
        self.child = child
        var lines: [String] = []
        let listening = await ChildRun.eventually(timeout: .seconds(30)) {
            lines = child.stdoutSoFar.split(separator: "\n").map(String.init)
            return lines.first?.hasPrefix("listening on ") ?? false
        }
        guard listening, let first = lines.first, let url = URL(string: String(first.dropFirst("listening on ".count)))
        else {
            child.send(SIGKILL)
            throw StartFailed(description: "sso-emulator did not start: \(await child.wait())")
        }
        baseURL = url
        let expected =
            if let knownDirectory {
                knownDirectory.portals.count
            } else {
                try await Self.get(EmulatorDirectory.self, "/_admin/directory", base: url).portals.count
            }
        _ = await ChildRun.eventually(timeout: .seconds(10)) {
            lines = child.stdoutSoFar.split(separator: "\n").map(String.init)
            return lines.count >= 1 + expected
        }
        var parsed: [Portal] = []
        for line in lines.dropFirst().prefix(expected) {
            let words = line.split(separator: " ").map(String.init)
            guard words.count == 4, words[0] == "portal", words[2].hasPrefix("start_url="),
                words[3].hasPrefix("region=")
            else { throw StartFailed(description: "unexpected portal line \(line.debugDescription)") }
            parsed.append(
                Portal(
                    name: words[1], startURL: String(words[2].dropFirst("start_url=".count)),
                    region: String(words[3].dropFirst("region=".count))))
        }
        guard parsed.count == expected else {
            throw StartFailed(description: "expected \(expected) portal lines: \(lines)")
        }
        portals = parsed
    }

    /// Stops the emulator (SIGTERM) and waits for it.
    func stop() async {
        child.send(SIGTERM)
        _ = await child.wait(timeout: .seconds(10))
    }

    func directory() async throws -> EmulatorDirectory {
        if let knownDirectory { return knownDirectory }
        return try await Self.get(EmulatorDirectory.self, "/_admin/directory", base: baseURL)
    }

    func stats() async throws -> EmulatorStats {
        try await Self.get(EmulatorStats.self, "/_admin/stats", base: baseURL)
    }

    /// `GET /_admin/console-logins`: the console sessions opened so far.
    func consoleLogins() async throws -> [ConsoleLogin] {
        try await Self.get([ConsoleLogin].self, "/_admin/console-logins", base: baseURL)
    }

    /// `POST /_admin/approve {"userCode": C}`; returns the HTTP status.
    func approve(userCode: String) async throws -> Int {
        try await post("/_admin/approve", ["userCode": userCode])
    }

    /// `POST /_admin/forget-clients`: the service no longer knows any client registration.
    func forgetClients() async throws {
        let status = try await post("/_admin/forget-clients", [:])
        guard status == 200 else { throw AdminFailed(description: "POST /_admin/forget-clients: \(status)") }
    }

    /// POSTs a JSON object to an admin route; returns the HTTP status.
    @discardableResult
    func post(_ path: String, _ body: [String: any Sendable]) async throws -> Int {
        var request = URLRequest(url: baseURL.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    private static func get<T: Decodable>(_ type: T.Type, _ path: String, base: URL) async throws -> T {
        let (data, response) = try await URLSession.shared.data(from: base.appendingPathComponent(path))
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw AdminFailed(description: "GET \(path): \(String(decoding: data, as: UTF8.self))")
        }
        return try JSONDecoder().decode(T.self, from: data)
    }
}

extension EmulatorStats {
    /// Calls of one operation ("CreateToken", "Logout", …), 0 when none.
    func count(of operation: String) -> Int { calls[operation] ?? 0 }
    /// Every successful GetRoleCredentials.
    var totalRoleCredentials: Int { roleCredentialRequests.values.reduce(0, +) }
}
