import AWSFormats
import FileStore
import Foundation
import SSOCache
import SSOConfig
import Testing

@testable import SessionActors

/// The freshness decisions on a manual clock: hours of token and credential life pass in microseconds,
/// and every window boundary is checked exactly on it and a millisecond either side.
@Suite("Freshness of tokens, credentials and registrations on a manual clock")
struct FreshnessTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let hour: Double = 3600

    /// Where a value expiring `lifetime` seconds after `start` stands once the clock moved by `moved`.
    private static func freshness(lifetime: Double, moved: Double, margins: ExpiryMargins) -> Freshness {
        let time = ManualWallClock(start: start)
        time.advance(by: .milliseconds(Int64(moved * 1000)))
        return Freshness(expiresAt: start.addingTimeInterval(lifetime), now: time.clock.now(), margins: margins)
    }

    static let credentialCases: [(Double, Freshness)] = [
        (0, .fresh),
        (2699.999, .fresh),  // a millisecond before the refresh window
        (2700, .refreshDue),  // exactly 15 minutes left: already due
        (2700.001, .refreshDue),
        (3299.999, .refreshDue),
        (3300, .expired),  // exactly 5 minutes left: already gone
        (3600, .expired),
        (10_800, .expired),  // a wake-up hours later
        (-86_400, .fresh),  // the clock jumped back a day
    ]

    @Test("role credentials (1 hour, margins 15 and 5 minutes)", arguments: credentialCases)
    func roleCredentials(moved: Double, expected: Freshness) {
        #expect(Self.freshness(lifetime: Self.hour, moved: moved, margins: .roleCredentials) == expected)
    }

    static let tokenCases: [(Double, Freshness)] = [
        (0, .fresh),
        (27_900 - 0.001, .fresh),
        (27_900, .refreshDue),
        (28_740 - 0.001, .refreshDue),
        (28_740, .expired),
        (28_801, .expired),
    ]

    @Test("SSO tokens (8 hours, margins 15 minutes and 1 minute)", arguments: tokenCases)
    func tokens(moved: Double, expected: Freshness) {
        #expect(Self.freshness(lifetime: 8 * Self.hour, moved: moved, margins: .token) == expected)
    }

    static let usableCases: [(Freshness, Bool)] = [(.fresh, true), (.refreshDue, true), (.expired, false)]

    @Test("usable means fresh or inside the refresh window", arguments: usableCases)
    func usable(freshness: Freshness, expected: Bool) {
        #expect(freshness.isUsable == expected)
    }

    enum Kind: String, CaseIterable, Sendable {
        case complete, noRefreshToken, noClient, noRegistrationExpiry
    }

    static func token(_ kind: Kind, registrationLeft: Double = 90 * 24 * hour) -> CachedToken {
        CachedToken(
            startURL: "https://example.awsapps.com/start", region: "eu-west-1", accessToken: "access",
            expiresAt: start.addingTimeInterval(8 * hour),
            clientID: kind == .noClient ? nil : "client", clientSecret: kind == .noClient ? nil : "secret",
            registrationExpiresAt: kind == .noRegistrationExpiry ? nil : start.addingTimeInterval(registrationLeft),
            refreshToken: kind == .noRefreshToken ? nil : "refresh")
    }

    static let renewalCases: [(Kind, TokenFreshness.Renewal)] = [
        (.complete, .refreshable), (.noRefreshToken, .needsLogin), (.noClient, .needsLogin),
        (.noRegistrationExpiry, .needsLogin),
    ]

    @Test("how a token can be renewed", arguments: renewalCases)
    func renewal(kind: Kind, expected: TokenFreshness.Renewal) {
        #expect(TokenFreshness(Self.token(kind), now: Self.start).renewal == expected)
    }

    static let registrationCases: [(Double, TokenFreshness.Renewal)] = [
        (-0.001, .refreshable), (0, .registrationExpired), (3600, .registrationExpired),
    ]

    @Test("a registration that expires: refreshable until exactly its end", arguments: registrationCases)
    func registrationEnd(movedPastEnd: Double, expected: TokenFreshness.Renewal) {
        let token = Self.token(.complete, registrationLeft: 2 * Self.hour)
        let time = ManualWallClock(start: Self.start)
        time.advance(by: .seconds(2 * 3600))
        time.advance(by: .milliseconds(Int64(movedPastEnd * 1000)))
        let freshness = TokenFreshness(token, now: time.now())
        #expect(freshness.renewal == expected)
        #expect(freshness.isRefreshable == (expected == .refreshable))
        #expect(freshness.life == .fresh, "the access token itself still has six hours")
    }

    static let fastPathCases: [(Double, Bool)] = [(2699.999, true), (2700, false)]

    @Test("the credential-process fast path uses the same boundary", arguments: fastPathCases)
    func fastPath(moved: Double, fresh: Bool) throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("multisso-fresh-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: home) }
        let environment = AWSEnvironment.sandbox(home: home, variables: [:])
        let session = SSOSessionSettings(
            name: "s", startURL: "https://example.awsapps.com/start", region: "eu-west-1", registrationScopes: nil,
            useDeviceCode: false)
        let profile = SSOProfile(
            name: "p", session: session, accountID: "111122223333", roleName: "Admin", region: nil, output: nil,
            endpoints: EndpointOverrides(), file: home.appendingPathComponent("config"), line: 1)
        let credentials = RoleCredentials(
            accessKeyID: "AKIA", secretAccessKey: "secret", sessionToken: "token",
            expiration: Self.start.addingTimeInterval(Self.hour))
        try CredentialCache(directory: environment.cliCacheDirectory)
            .write(credentials, for: CachedCredentialLookup.cacheKey(for: profile))
        let time = ManualWallClock(start: Self.start)
        time.advance(by: .milliseconds(Int64(moved * 1000)))
        #expect((CachedCredentialLookup.fresh(profile, environment: environment, clock: time.clock) != nil) == fresh)
    }
}
