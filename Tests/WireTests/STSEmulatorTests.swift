import AWSFormats
import Foundation
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

/// The real STS client against the emulator's STS: SigV4 checked by the emulator, trust, ExternalId,
/// the one-hour chaining limit, expiry, throttling as `Throttling`, and counters per role ARN.
@Suite("STS client against the emulator")
struct STSEmulatorTests {
    /// SSO role credentials of the first account's first role, and an STS client at the emulator.
    static func start(_ emulator: RunningEmulator) async throws -> (SigningCredentials, STSClient, EmulatorAccount) {
        let (oidc, portal) = EmulatorWireTests.clients(emulator)
        let token = try await EmulatorWireTests.deviceLogin(emulator, oidc: oidc).accessToken
        let account = emulator.portals[0].accounts[0]
        let role = try await portal.getRoleCredentials(
            accessToken: token, accountID: account.accountID, roleName: account.roles[0])
        let sts = STSClient(
            endpoint: emulator.baseURL, signingRegion: "eu-west-1", transport: NIOHTTPTransport(timeout: .seconds(10)))
        return (
            SigningCredentials(
                accessKeyID: role.accessKeyID, secretAccessKey: role.secretAccessKey, sessionToken: role.sessionToken),
            sts, account
        )
    }

    static func arn(_ account: EmulatorAccount, _ role: Int) -> String {
        "arn:aws:iam::\(account.accountID):role/\(account.roles[role])"
    }

    @Test("AssumeRole from SSO credentials, then a chained AssumeRole; GetCallerIdentity names each")
    func chain() async throws {
        try await withEmulator { emulator in
            let (sso, sts, account) = try await Self.start(emulator)
            #expect(try await sts.getCallerIdentity(credentials: sso).account == account.accountID)
            let first = try await sts.assumeRole(
                AssumeRoleParameters(roleARN: Self.arn(account, 1), sessionName: "hop1", durationSeconds: 3600),
                credentials: sso)
            #expect(first.arn == "arn:aws:sts::\(account.accountID):assumed-role/\(account.roles[1])/hop1")
            #expect(first.expiration > Date().addingTimeInterval(3000))
            let second = try await sts.assumeRole(
                AssumeRoleParameters(roleARN: Self.arn(account, 0), sessionName: "hop2"), credentials: first.credentials
            )
            let identity = try await sts.getCallerIdentity(credentials: second.credentials)
            #expect(identity.arn == "arn:aws:sts::\(account.accountID):assumed-role/\(account.roles[0])/hop2")
            let stats = await emulator.stats()
            #expect(stats.assumeRoleRequests == [Self.arn(account, 1): 1, Self.arn(account, 0): 1])
            #expect(stats.calls["GetCallerIdentity"] == 2)
        }
    }

    @Test("refusals: chaining over an hour, unknown role, ExternalId, bad signature, unknown key")
    func refusals() async throws {
        var configuration = EmulatorConfiguration()
        let account = configuration.resolvedDirectory().portals[0].accounts[0]
        configuration.requiredExternalIDs = [Self.arn(account, 1): "the-id"]
        try await withEmulator(configuration) { emulator in
            let (sso, sts, account) = try await Self.start(emulator)
            func code(_ parameters: AssumeRoleParameters, _ credentials: SigningCredentials) async -> String? {
                await EmulatorWireTests.wireError { () async throws(WireError) in
                    _ = try await sts.assumeRole(parameters, credentials: credentials)
                }?.code
            }
            #expect(
                await code(AssumeRoleParameters(roleARN: Self.arn(account, 1), sessionName: "s"), sso) == "AccessDenied"
            )
            let first = try await sts.assumeRole(
                AssumeRoleParameters(roleARN: Self.arn(account, 1), sessionName: "s", externalID: "the-id"),
                credentials: sso)
            #expect(
                await code(
                    AssumeRoleParameters(roleARN: Self.arn(account, 0), sessionName: "s", durationSeconds: 7200),
                    first.credentials) == "ValidationError")
            #expect(
                await code(AssumeRoleParameters(roleARN: "arn:aws:iam::999999999999:role/Nope", sessionName: "s"), sso)
                    == "AccessDenied")
            var forged = sso
            forged.secretAccessKey += "x"
            #expect(
                await code(AssumeRoleParameters(roleARN: Self.arn(account, 0), sessionName: "s"), forged)
                    == "SignatureDoesNotMatch")
            forged = SigningCredentials(accessKeyID: "ASIAUNKNOWN", secretAccessKey: "x", sessionToken: "y")
            #expect(
                await code(AssumeRoleParameters(roleARN: Self.arn(account, 0), sessionName: "s"), forged)
                    == "InvalidClientTokenId")
        }
    }

    @Test("expired source credentials are refused with ExpiredToken; throttling is Throttling")
    func expiryAndThrottling() async throws {
        var configuration = EmulatorConfiguration()
        configuration.credentialTTL = .zero
        try await withEmulator(configuration) { emulator in
            let (sso, sts, account) = try await Self.start(emulator)
            let expired = await EmulatorWireTests.wireError { () async throws(WireError) in
                _ = try await sts.assumeRole(
                    AssumeRoleParameters(roleARN: Self.arn(account, 0), sessionName: "s"), credentials: sso)
            }
            #expect(expired?.code == "ExpiredToken")
            #expect(expired?.isThrottling == false && expired?.isRetryable == false)
        }
        configuration = EmulatorConfiguration()
        configuration.rateLimit = 0.001
        configuration.burst = 1
        configuration.rateLimitedOperations = ["GetCallerIdentity"]
        try await withEmulator(configuration) { emulator in
            let (sso, sts, _) = try await Self.start(emulator)
            _ = try await sts.getCallerIdentity(credentials: sso)
            let throttled = await EmulatorWireTests.wireError { () async throws(WireError) in
                _ = try await sts.getCallerIdentity(credentials: sso)
            }
            #expect(throttled?.code == "Throttling" && throttled?.isThrottling == true)
        }
    }
}
