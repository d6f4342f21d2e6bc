public import AWSFormats
import Foundation
import SSOCache
public import SSOConfig
import SSOWire

/// Role chains in the directory: one `AssumedRoleSource` per distinct hop, stacked on the SSO role's
/// actor (or static keys) at the root, and the per-profile entry point that serves SSO profiles and
/// role chains alike.
extension SessionDirectory {
    /// Identifies one hop: what signs it, what it asks STS for, and where.
    struct HopKey: Hashable {
        var source: String
        var roleARN: String
        var sessionName: String?
        var externalID: String?
        var durationSeconds: Int?
        var mfaSerial: String?
        var sts: STSEndpoint
    }

    /// Resolves a profile by name with botocore's precedence: a role chain when it has `role_arn`,
    /// else an SSO profile.
    public nonisolated func credentialProfile(named name: String) throws(SessionError) -> ProfileCredentials {
        do {
            return try config.credentials(forProfile: name)
        } catch {
            throw .config(error)
        }
    }

    /// The per-profile entry point: the credentials of any profile multisso can serve (SSO or a role
    /// chain), cached or fetched (logging in if the policy allows).
    public func credentials(forProfileNamed name: String, forceRefresh: Bool = false) async throws -> RoleCredentials {
        try await credentials(for: try credentialProfile(named: name), forceRefresh: forceRefresh)
    }

    /// The credentials of a resolved profile.
    public func credentials(for profile: ProfileCredentials, forceRefresh: Bool = false) async throws -> RoleCredentials
    {
        switch profile {
        case .sso(let sso): try await source(for: sso).credentials(forceRefresh: forceRefresh)
        case .chain(let chain): try await source(for: chain).credentials(forceRefresh: forceRefresh)
        }
    }

    /// The credentials in memory or a cache file, without any request (for `status` and `exec`).
    public func cachedCredentials(for profile: ProfileCredentials) async -> RoleCredentials? {
        switch profile {
        case .sso(let sso): await source(for: sso).cachedCredentials()
        case .chain(let chain): await source(for: chain).cachedCredentials()
        }
    }

    /// The actor of a chain's last hop; the hops before it (and the root's actor) are created or reused.
    public func source(for chain: RoleChain) -> AssumedRoleSource {
        var source: HopSource =
            switch chain.root {
            case .sso(let profile): .sso(self.source(for: profile))
            case .staticKeys(let keys): .keys(keys)
            }
        var last: AssumedRoleSource?
        for hop in chain.hops {
            let created = hopSource(hop, from: source, sts: chain.sts)
            source = .hop(created)
            last = created
        }
        // A resolved chain always has a hop; the fallback only keeps this total.
        return last ?? hopSource(chain.hops[0], from: source, sts: chain.sts)
    }

    /// The hops of a chain, root first, with each one's actor.
    public func hopSources(for chain: RoleChain) -> [AssumedRoleSource] {
        var sources: [AssumedRoleSource] = []
        var current: AssumedRoleSource? = source(for: chain)
        while let hop = current {
            sources.insert(hop, at: 0)
            if case .hop(let previous) = hop.source { current = previous } else { current = nil }
        }
        return sources
    }

    private func hopSource(_ hop: RoleHop, from source: HopSource, sts: STSEndpoint) -> AssumedRoleSource {
        let sourceID: String =
            switch source {
            case .sso(let actor): "sso:\(ObjectIdentifier(actor))"
            case .hop(let actor): "hop:\(ObjectIdentifier(actor))"
            case .keys(let keys): "keys:\(keys.accessKeyID)"
            }
        let key = HopKey(
            source: sourceID, roleARN: hop.roleARN, sessionName: hop.sessionName, externalID: hop.externalID,
            durationSeconds: hop.durationSeconds, mfaSerial: hop.mfaSerial, sts: sts)
        if let existing = hops[key] { return existing }
        let client = STSClient(
            endpoint: sts.url, signingRegion: sts.signingRegion, transport: options.transport,
            now: { [clock = options.clock] in clock.now() })
        let created = AssumedRoleSource(
            hop: hop, source: source, client: client, cache: credentialCache, limiter: stsLimiter, options: options)
        hops[key] = created
        return created
    }
}
