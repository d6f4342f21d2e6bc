import FileStore
public import Foundation
import SSOCache
public import SSOConfig
import SSOWire

/// What a logout removed.
public struct LogoutResult: Sendable, Codable, Hashable {
    /// Start URLs whose token was revoked at the portal (a failed Logout call is ignored, as the AWS CLI does).
    public var revoked: [String] = []
    /// Token files deleted.
    public var tokensDeleted = 0
    /// Role credential files deleted.
    public var credentialsDeleted = 0
    /// Assume-role cache files (the hops of role chains) deleted.
    public var assumedRolesDeleted = 0
    /// Client registration files deleted because the service no longer knows the client.
    public var staleRegistrationsDeleted = 0
    /// Tokens that could not be revoked because the portal could not be reached (or failed): their
    /// files are deleted all the same, but each stays valid at the service until it expires.
    public var notRevoked: [NotRevoked] = []

    /// A token the portal did not revoke.
    public struct NotRevoked: Sendable, Codable, Hashable {
        public var startUrl: String
        public var expiresAt: Date
        public var reason: String
    }

    public init() {}
}

extension SessionDirectory {
    /// Logs out of one login: revokes its token at the portal, deletes its token files and the cached
    /// role credentials of `profiles` (those that came from it), the assumed roles of `chains` (those
    /// rooted in it), and its client registration when the service no longer knows it.
    public func logout(
        portal: PortalLogin, profiles: [SSOProfile], chains: [RoleChain] = []
    ) async throws(SessionError) -> LogoutResult {
        var result = LogoutResult()
        if await portal.dropStaleRegistration() { result.staleRegistrationsDeleted += 1 }
        if let token = await portal.cachedToken() {
            let client = try portalClient(for: profiles.first, session: portal.sessions[0])
            await Self.revoke(token, with: client, now: options.clock.now(), into: &result)
        }
        for key in portal.cacheKeys {
            do {
                if (try tokenCache.readToken(key)) != nil { result.tokensDeleted += 1 }
            } catch {
                // A damaged file is deleted all the same.
                result.tokensDeleted += 1
            }
            do { try tokenCache.deleteToken(key) } catch { throw .cache(error) }
        }
        await portal.forget()
        for profile in profiles {
            let source = source(for: profile)
            if (try? credentialCache.read(source.cacheKey)) != nil { result.credentialsDeleted += 1 }
            do { try credentialCache.delete(source.cacheKey) } catch { throw .cache(error) }
            await source.forget()
        }
        result.assumedRolesDeleted = try await forgetAssumedRoles(of: chains)
        return result
    }

    /// Logs out of everything, as `aws sso logout` does: every token file in the SSO cache is revoked at
    /// its portal and deleted (registrations are kept unless the service no longer knows them), and
    /// every SSO role credential file is deleted.
    public func logoutAll() async throws(SessionError) -> LogoutResult {
        var result = LogoutResult()
        let files: [(url: URL, token: CachedToken)]
        do { files = try tokenCache.allTokenFiles() } catch { throw .cache(error) }
        for file in files {
            let session = SSOSessionSettings(
                name: nil, startURL: file.token.startURL, region: file.token.region, registrationScopes: nil,
                useDeviceCode: false)
            let profile = profileLoggingIn(to: file.token.startURL)
            if let profile, await portal(for: profile).dropStaleRegistration() { result.staleRegistrationsDeleted += 1 }
            if let client = try? portalClient(for: profile, session: profile?.session ?? session) {
                await Self.revoke(file.token, with: client, now: options.clock.now(), into: &result)
            }
            do {
                try AtomicFile.removeFile(file.url)
            } catch {
                throw .cache(.fileSystem(error))
            }
            result.tokensDeleted += 1
        }
        do { result.credentialsDeleted = try credentialCache.deleteAllSSOCredentials() } catch { throw .cache(error) }
        for portal in allPortals() { await portal.forget() }
        result.assumedRolesDeleted = try await forgetAssumedRoles(of: chains { _ in true })
        return result
    }

    /// Deletes the assume-role cache file of every hop of `chains` (the AWS CLI's key, so `aws` stops
    /// using them too) and drops them from memory; hops shared by several chains are counted once.
    /// - Returns: how many files were deleted.
    public func forgetAssumedRoles(of chains: [RoleChain]) async throws(SessionError) -> Int {
        var deleted = 0
        var seen = Set<AssumeRoleCacheKey>()
        for chain in chains {
            for hop in hopSources(for: chain) where seen.insert(hop.cacheKey).inserted {
                if (try? credentialCache.read(hop.cacheKey)) != nil { deleted += 1 }
                do { try credentialCache.delete(hop.cacheKey) } catch { throw .cache(error) }
                await hop.forget()
            }
        }
        return deleted
    }

    /// The role chains of the config file whose root is an SSO profile that `isRoot` accepts (chains
    /// that do not resolve are left out: they have no cache entry multisso could have written).
    public nonisolated func chains(rootedIn isRoot: (SSOProfile) -> Bool) -> [RoleChain] {
        config.profileNames.filter { config.isRoleChainProfile($0) }.compactMap { name in
            guard case .chain(let chain)? = try? config.credentials(forProfile: name), case .sso(let root) = chain.root,
                isRoot(root)
            else { return nil }
            return chain
        }
    }

    /// Calls Logout for `token`. A refusal (4xx: the token is already invalid) is ignored, as the AWS
    /// CLI does; a portal that cannot be reached or fails is noted, since the token then stays valid.
    private static func revoke(
        _ token: CachedToken, with client: PortalClient, now: Date, into result: inout LogoutResult
    ) async {
        do {
            try await client.logout(accessToken: token.accessToken)
            result.revoked.append(token.startURL)
        } catch {
            if let refused = error.serviceError, refused.status < 500 { return }
            guard token.expiresAt > now else { return }
            result.notRevoked.append(.init(startUrl: token.startURL, expiresAt: token.expiresAt, reason: "\(error)"))
        }
    }

    /// Some profile that logs in to `startURL`, for its endpoint overrides.
    private nonisolated func profileLoggingIn(to startURL: String) -> SSOProfile? {
        for name in config.profileNames where config.isSSOProfile(name) {
            if let profile = try? config.ssoProfile(named: name), profile.session.startURL == startURL {
                return profile
            }
        }
        return nil
    }
}
