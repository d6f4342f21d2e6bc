import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

/// Role chains must resolve exactly as botocore 1.43's `AssumeRoleProvider` resolves them: the same
/// root, the same AssumeRole parameters hop by hop, the same STS endpoint and signing region, or an
/// error where botocore fails. `resolve_chain.py` runs botocore with every request answered in place.
@Suite("Role chains: differential against botocore")
struct RoleChainDifferentialTests {
    struct Hop: Codable {
        var url: String
        var signer: String
        var region: String
        var params: [String: String]
    }

    struct Resolved: Codable {
        var method: String?
        var key: String?
        var hops: [Hop]?
        var error: String?
    }

    @Test("same roots, hops, parameters and endpoints, or the same failures", arguments: ChainCorpus.environments)
    func sameChains(_ variables: [String: String]) async throws {
        try await withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("config")
            try Data(ChainCorpus.config.utf8).write(to: path)
            let theirs: [String: Resolved] = try await Botocore.run(
                [path.path] + ChainCorpus.profiles, script: "resolve_chain.py", environment: variables, in: folder)
            let file = AWSConfigFile(
                document: try ConfigDocument(parsing: Data(ChainCorpus.config.utf8), file: path), file: path,
                environment: .sandbox(home: folder, variables: variables))
            for profile in ChainCorpus.profiles {
                compare(file, try #require(theirs[profile]), profile: profile, variables: variables)
            }
        }
    }

    private func compare(_ file: AWSConfigFile, _ theirs: Resolved, profile: String, variables: [String: String]) {
        let context = "profile \(profile), environment \(variables)"
        let ours: ProfileCredentials
        do {
            ours = try file.credentials(forProfile: profile)
        } catch {
            if let message = theirs.error, error.code != "chain_not_rooted_in_sso" {
                let words =
                    message.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
                    ?? message
                #expect("\(error)".contains(words), "\(context)\nours: \(error)\nbotocore: \(message)")
            } else {
                // Roots botocore fetches another way (credential_process) are refused by name.
                #expect(
                    error.code == "chain_not_rooted_in_sso"
                        && (theirs.error != nil || theirs.hops?.first?.signer.hasPrefix("PROCESS|") == true),
                    "\(context)\nours: \(error)\nbotocore resolved it: \(theirs)")
            }
            return
        }
        #expect(theirs.error == nil, "\(context): botocore failed: \(theirs.error ?? ""); ours: \(ours)")
        let hops = theirs.hops ?? []
        switch ours {
        case .sso(let sso):
            #expect(hops.isEmpty, "\(context): botocore assumed roles")
            #expect(theirs.key == Self.marker(sso), "\(context)")
        case .chain(let chain):
            #expect(hops.count == chain.hops.count, "\(context): botocore made \(hops.count) AssumeRole calls")
            for (index, (mine, call)) in zip(chain.hops, hops).enumerated() {
                #expect(Self.normalized(call.url) == Self.normalized(chain.sts.url.absoluteString), "\(context)")
                #expect(call.region == chain.sts.signingRegion, "\(context)")
                let signer: String =
                    switch (index, chain.root) {
                    case (0, .sso(let sso)): Self.marker(sso)
                    case (0, .staticKeys(let keys)): keys.accessKeyID
                    default: "HOP\(index)"
                    }
                #expect(call.signer == signer, "\(context): hop \(index)")
                var expected = ["RoleArn": mine.roleARN, "RoleSessionName": mine.sessionName ?? "botocore-session-*"]
                expected["ExternalId"] = mine.externalID
                expected["DurationSeconds"] = mine.durationSeconds.map(String.init)
                if let serial = mine.mfaSerial {
                    expected["SerialNumber"] = serial
                    expected["TokenCode"] = "123456"
                }
                #expect(call.params == expected, "\(context): hop \(index)")
            }
        }
    }

    /// The key resolve_chain.py gives an SSO root's credentials.
    static func marker(_ sso: SSOProfile) -> String {
        "SSO|\((sso.session.name ?? sso.session.startURL).replacingOccurrences(of: "/", with: "_"))|\(sso.accountID)|\(sso.roleName)"
    }

    static func normalized(_ url: String) -> String {
        url.hasSuffix("/") ? url : url + "/"
    }

    @Test("chain shape: hops from the root outwards, a summary for status, errors naming file and line")
    func shape() throws {
        let path = URL(fileURLWithPath: "/tmp/chain-config")
        let file = AWSConfigFile(
            document: try ConfigDocument(parsing: Data(ChainCorpus.config.utf8), file: path), file: path,
            environment: .sandbox(home: URL(fileURLWithPath: "/tmp/h")))
        let chain = try file.roleChain(named: "d3")
        #expect(chain.hops.map(\.profile) == ["d1", "d2", "d3"])
        #expect(chain.summary == "d3 ← d2 ← d1 ← hub (sso: corp)")
        #expect(
            chain.sts
                == STSEndpoint(
                    url: try #require(URL(string: "https://sts.ap-east-1.amazonaws.com/")), signingRegion: "ap-east-1"))
        #expect(try file.roleChain(named: "d4").hops.last?.durationSeconds == 1800)
        #expect(try file.roleChain(named: "from-legacy").hops.last?.durationSeconds == nil)
        do {
            _ = try file.roleChain(named: "loop-a")
            Issue.record("a cycle resolved")
        } catch {
            #expect(error.code == "source_profile_loop")
            #expect("\(error)".hasPrefix("/tmp/chain-config:"))
            #expect("\(error)".contains("['loop-a', 'loop-b', 'loop-c']"))
        }
        do {
            _ = try file.roleChain(named: "from-process")
            Issue.record("a credential_process root resolved")
        } catch {
            #expect("\(error)".contains("not rooted in SSO"))
        }
        #expect(!"\(try file.roleChain(named: "from-static"))".contains("not-a-secret"))
    }
}
