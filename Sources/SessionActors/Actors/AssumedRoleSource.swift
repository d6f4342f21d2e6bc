public import AWSFormats
import Foundation
public import SSOCache
public import SSOConfig
import SSOWire

/// The one owner of a role chain hop's credentials: an actor per (source, role ARN, session name,
/// external id, duration, MFA device, STS endpoint).
///
/// As `RoleCredentialSource` does for SSO roles, `credentials()` answers from memory or the AWS CLI's
/// assume-role cache while more than the margin is left, and otherwise calls `AssumeRole` once however
/// many callers ask (single flight), through the STS limiter, retried through throttling and passing
/// failures. The cache file is written under botocore's key, so `aws` finds it without calling STS.
/// Source credentials STS refuses (`ExpiredToken`, `InvalidClientTokenId`) are renewed once, for
/// every hop that saw them refused, and the call is tried once more.
public actor AssumedRoleSource {
    public nonisolated let hop: RoleHop
    public nonisolated let source: HopSource
    /// The AWS CLI's assume-role cache key of this hop.
    public nonisolated let cacheKey: AssumeRoleCacheKey
    /// The STS endpoint's host, for messages and progress events.
    public nonisolated let stsLabel: String

    private let client: STSClient
    private let cache: CredentialCache
    private let limiter: AdaptiveLimiter
    private let options: SessionOptions
    private var machine: CredentialStateMachine
    private let flight = SingleFlight<RoleCredentialSource.Fetched>()

    init(
        hop: RoleHop, source: HopSource, client: STSClient, cache: CredentialCache, limiter: AdaptiveLimiter,
        options: SessionOptions
    ) {
        self.hop = hop
        self.source = source
        self.cacheKey = AssumeRoleCacheKey(hop)
        self.stsLabel = "sts " + (client.endpoint.host ?? client.endpoint.absoluteString)
        self.client = client
        self.cache = cache
        self.limiter = limiter
        self.options = options
        self.machine = CredentialStateMachine(margins: options.credentialMargins)
    }

    /// Valid credentials for the hop's role.
    /// - Throws: `SessionError` (the source's errors, STS refusals, the chaining limit, an MFA code
    ///   that may not be asked for), or `CancellationError`.
    public func credentials(forceRefresh: Bool = false) async throws -> RoleCredentials {
        try await fetch(forceRefresh: forceRefresh).credentials
    }

    /// As `credentials()`, also telling whether they came from a cache.
    func fetch(forceRefresh: Bool = false) async throws -> RoleCredentialSource.Fetched {
        let cache = self.cache
        let cacheKey = self.cacheKey
        let held = machine.answer(now: options.clock.now(), forceRefresh: forceRefresh) { try? cache.read(cacheKey) }
        if let held { return .init(credentials: held, fromCache: true) }
        return try await flight.run { [self] in try await self.assume() }
    }

    /// Fresh credentials after STS refused those with `refused` as access key id (see `RoleCredentialSource`).
    public func credentials(replacing refused: String) async throws -> RoleCredentials {
        if case .use(let renewed) = machine.refused(accessKeyID: refused, now: options.clock.now()) { return renewed }
        return try await fetch(forceRefresh: true).credentials
    }

    /// The credentials in memory or in the cache file, without any request (for `status`).
    public func cachedCredentials() -> RoleCredentials? {
        if let current = machine.current { return current }
        return try? cache.read(cacheKey)
    }

    /// Drops the credentials held in memory (after a logout deleted the cache file).
    public func forget() {
        machine.forget()
    }

    func settle() async {
        await flight.settle()
    }

    private func assume() async throws -> RoleCredentialSource.Fetched {
        if source.isRoleSession, let seconds = hop.durationSeconds, seconds > 3600 {
            throw SessionError.chainedDurationTooLong(profile: hop.profile, roleARN: hop.roleARN, seconds: seconds)
        }
        var tokenCode: String?
        if let serial = hop.mfaSerial {
            guard let prompter = options.mfaPrompter else {
                throw SessionError.mfaCodeRequired(profile: hop.profile, serial: serial, command: options.commandName)
            }
            tokenCode = try await prompter(serial)
        }
        let parameters = AssumeRoleParameters(
            roleARN: hop.roleARN,
            sessionName: hop.sessionName ?? "botocore-session-\(Int(options.clock.now().timeIntervalSince1970))",
            externalID: hop.externalID, durationSeconds: hop.durationSeconds, serialNumber: hop.mfaSerial,
            tokenCode: tokenCode)
        var signing = try await source.credentials()
        var renewed = false
        while true {
            do {
                let assumed = try await call(parameters, signing: signing)
                let credentials = RoleCredentials(
                    accessKeyID: assumed.credentials.accessKeyID, secretAccessKey: assumed.credentials.secretAccessKey,
                    sessionToken: assumed.credentials.sessionToken ?? "", expiration: assumed.expiration,
                    accountID: hop.accountID)
                do {
                    try cache.write(credentials, arn: assumed.arn, roleID: assumed.assumedRoleID, for: cacheKey)
                } catch {
                    throw SessionError.cache(error)
                }
                machine.fetched(credentials)
                return .init(credentials: credentials, fromCache: false)
            } catch let error as WireError {
                guard !renewed, let replacement = try await source.credentials(replacing: signing.accessKeyID) else {
                    throw SessionError.assumeRoleFailed(profile: hop.profile, roleARN: hop.roleARN, error: error)
                }
                signing = replacement
                renewed = true
            }
        }
    }

    /// One AssumeRole through the STS limiter with retries; refusals of the signing credentials are
    /// passed up as `WireError`, every other final error becomes `SessionError.assumeRoleFailed`.
    private func call(_ parameters: AssumeRoleParameters, signing: SigningCredentials) async throws -> AssumedRole {
        let client = self.client
        let retry = LimitedRetry(
            limiter: limiter, policy: options.credentialRetry, events: options.events, label: stsLabel)
        do {
            return try await retry.run { () async throws(WireError) in
                try await client.assumeRole(parameters, credentials: signing)
            }
        } catch let error as WireError {
            if ["ExpiredToken", "InvalidClientTokenId"].contains(error.code) { throw error }
            throw SessionError.assumeRoleFailed(profile: hop.profile, roleARN: hop.roleARN, error: error)
        }
    }
}

extension AssumeRoleCacheKey {
    /// The AWS CLI's cache key of a hop's credentials.
    public init(_ hop: RoleHop) {
        self.init(
            roleARN: hop.roleARN, sessionName: hop.sessionName, externalID: hop.externalID, serialNumber: hop.mfaSerial,
            durationSeconds: hop.durationSeconds)
    }
}
