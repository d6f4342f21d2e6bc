import Foundation
import SSOConfig
import Testing

@testable import SessionActors

/// What a console sign-in takes from a role chain: the account and role of its last hop (a role path
/// dropped), its partition, its `Issuer`, and whether `SessionDuration` may be sent (never for role
/// chaining; only a single `AssumeRole` signed by long-term keys is not chaining).
@Suite("Console request for role chains")
struct ConsoleChainRequestTests {
    static let file = URL(fileURLWithPath: "/tmp/config")

    static func chain(root: ChainRoot, hops: Int, region: String? = nil, stsRegion: String = "us-east-1")
        -> ProfileCredentials
    {
        let roles = (0..<hops).map { index in
            RoleHop(
                profile: "hop\(index)", roleARN: "arn:aws:iam::44445555666\(index):role/team/ops/Role\(index)",
                sessionName: nil, externalID: nil, durationSeconds: nil, mfaSerial: nil, line: index)
        }
        return .chain(
            RoleChain(
                profile: "hop\(hops - 1)", root: root, hops: roles,
                sts: STSEndpoint(url: URL(string: "https://sts.\(stsRegion).amazonaws.com")!, signingRegion: stsRegion),
                region: region, file: file, line: 1))
    }

    static let sso = ChainRoot.sso(ConsoleRequestTests.profile(region: nil))
    static let keys = ChainRoot.staticKeys(
        StaticCredentials(profile: "user", accessKeyID: "AKIAEXAMPLE", secretAccessKey: "secret", sessionToken: nil))
    static let sessionKeys = ChainRoot.staticKeys(
        StaticCredentials(profile: "user", accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret", sessionToken: "token")
    )

    @Test("account and role come from the last hop's ARN, without the role's path")
    func identity() {
        let chain = Self.chain(root: Self.sso, hops: 2)
        #expect(chain.consoleAccountID == "444455556661" && chain.consoleRoleName == "Role1")
        let link = ConsoleLink(profile: chain, via: .federation, url: URL(string: "https://example.com/")!)
        #expect(link.accountID == "444455556661" && link.roleName == "Role1" && link.profile == "hop1")
        let odd = RoleHop(
            profile: "x", roleARN: "not-an-arn", sessionName: nil, externalID: nil, durationSeconds: nil,
            mfaSerial: nil, line: 1)
        #expect(odd.accountID == nil && odd.roleName == "")
    }

    @Test("SessionDuration: never for chaining; only one AssumeRole signed by long-term keys takes it")
    func sessionDuration() {
        #expect(ProfileCredentials.sso(ConsoleRequestTests.profile(region: nil)).acceptsSessionDuration)
        #expect(!Self.chain(root: Self.sso, hops: 1).acceptsSessionDuration)
        #expect(Self.chain(root: Self.keys, hops: 1).acceptsSessionDuration)
        #expect(!Self.chain(root: Self.keys, hops: 2).acceptsSessionDuration)
        #expect(!Self.chain(root: Self.sessionKeys, hops: 1).acceptsSessionDuration)
    }

    @Test("partition and destination: --region, else the chain's region, else its STS signing region")
    func partition() throws {
        #expect(
            try ConsoleRequest().destination(for: Self.chain(root: Self.sso, hops: 1, region: "eu-west-1"))
                .absoluteString
                == "https://eu-west-1.console.aws.amazon.com/console/home?region=eu-west-1")
        let gov = Self.chain(root: Self.keys, hops: 1, stsRegion: "us-gov-west-1")
        #expect(
            try ConsoleRequest(service: "s3").destination(for: gov).absoluteString
                == "https://console.amazonaws-us-gov.com/s3/home")
        #expect(Self.chain(root: Self.sso, hops: 1).issuer == "https://d-1234567890.awsapps.com/start/")
        #expect(Self.chain(root: Self.keys, hops: 1).issuer == nil)
    }
}
