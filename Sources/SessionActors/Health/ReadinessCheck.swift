import AWSFormats
public import FailureKinds
public import FileStore
import Foundation
import SSOCache
public import SSOConfig

/// Decides ``CredentialReadiness`` for profiles from the AWS CLI's caches, without any network call
/// or actor: the library side of `multisso status --check`.
public enum ReadinessCheck {
    /// The overall answer for a set of profiles, worst first: any unusable profile, else any that needs
    /// a login, else ready.
    public enum Verdict: Sendable, Equatable {
        case ready
        case loginNeeded
        case unusable

        /// The kind of failure the verdict is: none when ready, a login when one is needed, and a
        /// profile that cannot get credentials otherwise.
        public var failureKind: FailureKind? {
            switch self {
            case .ready: nil
            case .loginNeeded: .login
            case .unusable: .partial
            }
        }
    }

    /// The readiness of every profile `selection` names (profiles that fail to resolve are unusable).
    /// - Throws: `SelectionError` when the selection itself cannot be satisfied.
    public static func assess(
        _ selection: ProfileSelection, config: AWSConfigFile, environment: AWSEnvironment, clock: WallClock = .system
    ) throws(SelectionError) -> [ProfileReadiness] {
        let (profiles, failures) = try selection.resolve(in: config, environment: environment)
        var results = profiles.map { assess($0, environment: environment, clock: clock) }
        for failure in failures {
            results.append(
                ProfileReadiness(
                    profile: failure.profile, portal: nil, readiness: .unusable, detail: "\(failure.error)"))
        }
        return results
    }

    /// The readiness of one resolved profile.
    public static func assess(_ profile: SSOProfile, environment: AWSEnvironment, clock: WallClock = .system)
        -> ProfileReadiness
    {
        let now = clock.now()
        let portal = profile.session.name ?? profile.session.startURL
        let credentials = try? CredentialCache(directory: environment.cliCacheDirectory)
            .read(CachedCredentialLookup.cacheKey(for: profile))
        let key: TokenCacheKey = profile.session.name.map { .session(name: $0) } ?? .startURL(profile.session.startURL)
        let token = (try? TokenCache(directory: environment.ssoCacheDirectory).readToken(key))
            .flatMap { $0 }.flatMap { $0.startURL == profile.session.startURL ? $0 : nil }
        var result = ProfileReadiness(
            profile: profile.name, portal: portal, readiness: .loginNeeded,
            credentialsExpireAt: credentials?.expiration, tokenExpiresAt: token?.expiresAt)
        if let credentials,
            Freshness(expiresAt: credentials.expiration, now: now, margins: .roleCredentials) == .fresh
        {
            result.readiness = .credentials
        } else if let token, TokenFreshness(token, now: now).life.isUsable {
            result.readiness = .token
        } else if let token, TokenFreshness(token, now: now).isRefreshable {
            result.readiness = .refreshable
        } else {
            result.detail =
                profile.session.name.map { "run `multisso login --sso-session \($0)`" }
                ?? "run `multisso login --profile \(profile.name)`"
        }
        return result
    }

    /// The worst answer among `results` (ready when there are none).
    public static func verdict(_ results: [ProfileReadiness]) -> Verdict {
        if results.contains(where: { $0.readiness == .unusable }) { return .unusable }
        if results.contains(where: { $0.readiness == .loginNeeded }) { return .loginNeeded }
        return .ready
    }
}
