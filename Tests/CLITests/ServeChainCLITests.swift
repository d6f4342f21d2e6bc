import Foundation
import SSOEmulator
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `multisso serve --match` over role chains through the built binary: a chained profile is selected
/// and served like an SSO profile (its assumed role's credentials, one `AssumeRole` per hop).
@Suite("CLI serve over role chains")
struct ServeChainCLITests {
    @Test("serve --match selects chained profiles; /profiles/NAME serves the assumed role")
    func servesChains() async throws {
        let arguments = ["--portals", "1", "--accounts", "3", "--roles-per-account", "1", "--auto-approve"]
        try await CLISandbox.run(emulator: arguments) { sandbox in
            let account = sandbox.directory.portals[0].accounts[2]
            try sandbox.writeConfig(
                extra: """
                    [profile chain-a]
                    role_arn = arn:aws:iam::\(account.accountID):role/\(account.roles[0])
                    source_profile = \(sandbox.profiles[0].name)
                    region = eu-west-1

                    """)
            let sts = ["AWS_ENDPOINT_URL_STS": sandbox.emulator.baseURL.absoluteString]
            #expect(
                try await sandbox.multisso(["login", "--profile", sandbox.profiles[0].name], browser: true).status == 0)
            let tokenFile = sandbox.home.appendingPathComponent("serve-token")
            let server = try sandbox.start(
                ["serve", "--port", "0", "--token-file", tokenFile.path, "--match", "chain-*"], environment: sts)
            defer { server.send(SIGTERM) }
            #expect(await ChildRun.eventually { server.stdoutSoFar.contains("\n") }, "\(server.stderrSoFar)")
            let first = server.stdoutSoFar.split(separator: "\n").first.map(String.init) ?? ""
            let base = try #require(first.components(separatedBy: "listening on ").last.flatMap(URL.init(string:)))
            let token = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)

            func get(_ path: String) async throws -> (Int, Data) {
                var request = URLRequest(url: base.appendingPathComponent(path))
                request.setValue(token, forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: request)
                return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
            }
            let (listed, names) = try await get("profiles")
            #expect(listed == 200)
            #expect(
                String(decoding: names, as: UTF8.self).contains("chain-a"), "\(String(decoding: names, as: UTF8.self))")
            let (status, body) = try await get("profiles/chain-a")
            #expect(status == 200, "\(String(decoding: body, as: UTF8.self))")
            let document = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            #expect((document?["AccessKeyId"] as? String)?.isEmpty == false)
            #expect(try await get("profiles/\(sandbox.profiles[0].name)").0 == 404, "only the selection is served")
            let stats = try await sandbox.emulator.stats()
            #expect(stats.count(of: "AssumeRole") == 1)
        }
    }
}
