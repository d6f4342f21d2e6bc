import AWSFormats
import Foundation
import SSOCache
public import SSOConfig
import SSOWire

/// Console sign-in for many profiles at once: every profile's credentials first (one task group, the
/// same entry point `export` uses, logging in when the policy allows), then every sign-in URL in
/// parallel. One profile's failure never stops the others.
extension SessionDirectory {
    /// How many `getSigninToken` requests run at once.
    public static let signinConcurrency = 16

    /// A console URL for each SSO profile, in the order given.
    public func consoleLinks(for profiles: [SSOProfile], request: ConsoleRequest) async -> [ConsoleOutcome] {
        await consoleLinks(for: profiles.map(ProfileCredentials.sso), request: request)
    }

    /// A console URL for each profile (SSO or role chain), in the order given.
    /// - Parameters:
    ///   - profiles: the selected profiles.
    ///   - request: how to sign in and where the console opens.
    /// - Returns: one outcome per profile; failures are ``SessionError`` (credentials) or ``ConsoleError``.
    public func consoleLinks(for profiles: [ProfileCredentials], request: ConsoleRequest) async -> [ConsoleOutcome] {
        var destinations: [Int: URL] = [:]
        var results: [Int: Result<ConsoleLink, any Error>] = [:]
        for (index, profile) in profiles.enumerated() {
            do {
                destinations[index] = try request.destination(for: profile)
            } catch {
                results[index] = .failure(error)
            }
        }
        switch request.via {
        case .portal:
            for (index, destination) in destinations {
                switch profiles[index] {
                case .sso(let profile):
                    results[index] = .success(
                        ConsoleLink(
                            profile: profile, via: .portal,
                            url: PortalShortcut.url(for: profile, destination: destination)))
                case .chain(let chain):
                    results[index] = .failure(
                        ConsoleError.portalNeedsSSORole(profile: chain.profile, chain: chain.summary))
                }
            }
        case .federation:
            let credentials = await warmCredentials(profiles, only: Set(destinations.keys))
            var ready: [(Int, RoleCredentials, URL)] = []
            for (index, result) in credentials {
                switch result {
                case .success(let value):
                    if let destination = destinations[index] { ready.append((index, value, destination)) }
                case .failure(let error): results[index] = .failure(error)
                }
            }
            for (index, result) in await signinLinks(ready, profiles: profiles, request: request) {
                results[index] = result
            }
        }
        return profiles.indices.map { index in
            ConsoleOutcome(
                profile: profiles[index].name,
                result: results[index] ?? .failure(SessionError.cancelled))
        }
    }

    /// Every profile's credentials, in one task group (the portal actors and the limiter pace the calls).
    private func warmCredentials(
        _ profiles: [ProfileCredentials], only indices: Set<Int>
    ) async -> [(Int, Result<RoleCredentials, any Error>)] {
        await withTaskGroup(of: (Int, Result<RoleCredentials, any Error>).self) { group in
            for index in indices.sorted() {
                let profile = profiles[index]
                group.addTask {
                    do {
                        return (index, .success(try await self.credentials(for: profile)))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var collected: [(Int, Result<RoleCredentials, any Error>)] = []
            for await item in group { collected.append(item) }
            return collected
        }
    }

    /// A sign-in URL for each profile with credentials, at most ``signinConcurrency`` requests at once.
    private nonisolated func signinLinks(
        _ ready: [(Int, RoleCredentials, URL)], profiles: [ProfileCredentials], request: ConsoleRequest
    ) async -> [(Int, Result<ConsoleLink, any Error>)] {
        await withTaskGroup(of: (Int, Result<ConsoleLink, any Error>).self) { group in
            var pending = ready[...]
            func addNext() {
                guard let (index, credentials, destination) = pending.popFirst() else { return }
                let profile = profiles[index]
                group.addTask {
                    do {
                        let link = try await self.signinLink(
                            profile, credentials: credentials, destination: destination, request: request)
                        return (index, .success(link))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            for _ in 0..<Self.signinConcurrency { addNext() }
            var collected: [(Int, Result<ConsoleLink, any Error>)] = []
            for await item in group {
                collected.append(item)
                addNext()
            }
            return collected
        }
    }

    private nonisolated func signinLink(
        _ profile: ProfileCredentials, credentials: RoleCredentials, destination: URL, request: ConsoleRequest
    ) async throws -> ConsoleLink {
        let endpoint: URL
        do {
            endpoint =
                try config.signinEndpoint(forProfile: profile.name).map(FederationClient.endpoint(underBase:))
                ?? request.partition(for: profile).federationEndpoint
        } catch {
            throw SessionError.config(error)
        }
        let client = FederationClient(endpoint: endpoint, transport: options.transport)
        var duration = request.sessionDuration
        var note: String?
        if duration != nil && !profile.acceptsSessionDuration {
            duration = nil
            note =
                "--duration was not applied: AWS refuses SessionDuration for credentials from role chaining, "
                + "so the console session ends with the chained credentials (at most 1 hour)"
        }
        let sessionDuration = duration
        let token: String
        do {
            token = try await options.retry.run { () async throws(WireError) in
                try await client.getSigninToken(
                    accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                    sessionToken: credentials.sessionToken, sessionDuration: sessionDuration)
            }
        } catch {
            throw ConsoleError.signinFailed(profile: profile.name, error: error)
        }
        let url = client.loginURL(signinToken: token, destination: destination, issuer: profile.issuer)
        return ConsoleLink(profile: profile, via: .federation, url: url, note: note)
    }
}
