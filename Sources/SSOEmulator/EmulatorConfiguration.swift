/// Every knob of the emulator: the directory it serves, how slow and unreliable it is, how long what it
/// issues lives, and how logins are approved.
///
/// The same value drives `withEmulator` in Swift tests and the `sso-emulator` command line; most knobs
/// can also be changed while the emulator runs (``RunningEmulator/update(_:)`` or `POST /_admin/config`).
/// The directory (portals, accounts, roles) and the port are fixed once the emulator has started.
public struct EmulatorConfiguration: Sendable {
    /// How approvals of device codes and `/authorize` requests are decided when nobody clicks.
    public enum Decision: String, Sendable, Codable, CaseIterable {
        case allow
        case deny
    }

    /// TCP port on 127.0.0.1; 0 lets the system pick a free one.
    public var port: Int = 0

    /// Certificate and key of an HTTPS listener; nil serves plain HTTP.
    public var tls: EmulatorTLS?

    /// Generated directory: number of portals (start URLs), accounts per portal, roles per account.
    public var portals: Int = 1
    public var accountsPerPortal: Int = 5
    public var rolesPerAccount: Int = 2
    /// Seed of the generated directory; the same seed gives the same start URLs and account IDs.
    public var seed: UInt64 = 1
    /// An explicit directory instead of the generated one.
    public var directory: EmulatorDirectory?

    /// Page size of ListAccounts and ListAccountRoles when the request has no `max_result`.
    public var pageSize: Int = 20

    /// Latency added to every API request: `latency` plus a uniform random share of `jitter`.
    public var latency: Duration = .zero
    public var jitter: Duration = .zero

    /// Token bucket per operation: `rateLimit` requests per second refilled, `burst` at most in the
    /// bucket. nil: no limit. Throttled requests get 429 TooManyRequestsException.
    public var rateLimit: Double?
    public var burst: Int = 10
    /// Operations the rate limit applies to (names as in ``EmulatorStats/calls``); nil: every operation.
    public var rateLimitedOperations: Set<String>?
    /// When set, 429 responses carry `Retry-After` with this many whole seconds (rounded up).
    public var retryAfter: Duration?

    /// Injected faults, each a share of API requests between 0 and 1: 500 InternalServerException,
    /// connection closed without a response, and a stall of `stallDuration` before the normal answer.
    public var failRate: Double = 0
    public var dropRate: Double = 0
    public var stallRate: Double = 0
    public var stallDuration: Duration = .seconds(30)

    /// Approval of device codes and `/authorize`: automatic after `approveAfter`, or by a person (the
    /// `/device` page, the consent page of `/authorize`) or a test (`POST /_admin/approve`).
    public var autoApprove: Bool = true
    public var approveAfter: Duration = .zero
    /// What automatic approval decides; `.deny` makes every login fail with access denied.
    public var autoDecision: Decision = .allow

    /// Lifetimes of what the emulator issues.
    public var tokenTTL: Duration = .seconds(8 * 3600)
    public var refreshTokenTTL: Duration = .seconds(90 * 24 * 3600)
    public var credentialTTL: Duration = .seconds(3600)
    public var registrationTTL: Duration = .seconds(90 * 24 * 3600)
    public var deviceCodeTTL: Duration = .seconds(600)
    /// Lifetime of an authorization code issued by `/authorize`.
    public var authorizationCodeTTL: Duration = .seconds(300)
    /// Lifetime of a console sign-in token from `getSigninToken` (each one works once).
    public var signinTokenTTL: Duration = .seconds(900)
    /// `interval` returned by StartDeviceAuthorization (seconds); polling faster gets SlowDownException.
    public var pollInterval: Int = 1
    /// A refresh returns a new refresh token and invalidates the one it used.
    public var rotateRefreshTokens: Bool = true
    /// Answer 403 ForbiddenException ("No access") instead of 404 ResourceNotFoundException for an
    /// account or role the token's portal does not assign.
    public var forbiddenForUnassigned: Bool = false
    /// STS: the `ExternalId` an `AssumeRole` of a role ARN must carry; roles not listed need none.
    public var requiredExternalIDs: [String: String] = [:]
    /// STS: regions (of a request's SigV4 scope) where STS is not activated: RegionDisabledException.
    public var disabledSTSRegions: Set<String> = []

    /// How far the `Date` header of every answer is from the real time (positive: the emulator's clock
    /// is ahead), for testing clients' clock-skew checks. Fixed once the emulator has started.
    public var dateSkew: Duration = .zero

    /// Log level of the server's own logger (swift-log names: trace, debug, info, ...); nil: silent.
    public var logLevel: String?

    /// Sensible defaults: 1 portal, 5 accounts, 2 roles each, no latency, no faults, auto-approve.
    public init() {}
}

extension EmulatorConfiguration {
    /// The directory this configuration serves: the explicit one, or one generated from the counts.
    public func resolvedDirectory() -> EmulatorDirectory {
        if let directory { return directory }
        var generator = DirectoryGenerator(seed: seed)
        return generator.generate(
            portals: max(1, portals),
            accountsPerPortal: max(0, accountsPerPortal),
            rolesPerAccount: max(0, rolesPerAccount)
        )
    }
}
