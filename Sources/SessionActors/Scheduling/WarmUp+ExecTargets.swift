public import AWSFormats
public import FailureKinds
public import ParallelExec
import SSOCache
public import SSOConfig

/// What ``SessionDirectory/execTargets(for:)`` found: a target for every profile that has credentials,
/// and why each other one has none.
public struct ExecTargets: Sendable {
    /// A profile that got no credentials: its error code (as in ``ProfileOutcome/errorCode``), message
    /// and kind of failure.
    public struct Failure: Sendable {
        public var profile: String
        public var code: String?
        public var message: String?
        public var kind: FailureKind
    }

    /// In the order the profiles were asked for.
    public var targets: [ExecTarget] = []
    public var failures: [Failure] = []
}

/// One profile after a warm-up: its credentials, or why it has none.
public struct WarmedProfile: Sendable {
    public var profile: ProfileCredentials
    /// The warm-up's outcome for the profile (nil when the warm-up did not report it).
    public var outcome: ProfileOutcome?
    /// The credentials now cached for it; nil when it failed.
    public var credentials: RoleCredentials?
}

extension SessionDirectory {
    /// Warms `profiles` (SSO profiles and role chains) in one warm-up and returns each one, in the
    /// order asked, with the credentials it now has.
    public func warmedCredentials(for profiles: [ProfileCredentials]) async -> [WarmedProfile] {
        var sso: [SSOProfile] = []
        var chains: [RoleChain] = []
        for profile in profiles {
            switch profile {
            case .sso(let profile): sso.append(profile)
            case .chain(let chain): chains.append(chain)
            }
        }
        // The actors stay: their credentials are asked for right after, without reading the files again.
        let report = await warmUp(sso, chains: chains, options: WarmUpOptions(keepsRoleActors: true))
        let outcomes = Dictionary(report.profiles.map { ($0.profile, $0) }, uniquingKeysWith: { first, _ in first })
        var warmed: [WarmedProfile] = []
        for profile in profiles {
            let outcome = outcomes[profile.name]
            let credentials = outcome?.succeeded == true ? await cachedCredentials(for: profile) : nil
            warmed.append(WarmedProfile(profile: profile, outcome: outcome, credentials: credentials))
        }
        return warmed
    }

    /// Warms `profiles` and turns each one that succeeded into the target `exec` runs a command for:
    /// its account, role, region and credentials.
    public func execTargets(for profiles: [ProfileCredentials]) async -> ExecTargets {
        var result = ExecTargets()
        for warmed in await warmedCredentials(for: profiles) {
            guard let outcome = warmed.outcome, let credentials = warmed.credentials else {
                result.failures.append(
                    .init(
                        profile: warmed.profile.name, code: warmed.outcome?.errorCode, message: warmed.outcome?.message,
                        kind: warmed.outcome?.failureKind ?? .partial))
                continue
            }
            result.targets.append(
                ExecTarget(
                    profile: warmed.profile.name, accountID: outcome.accountID, roleName: outcome.roleName,
                    region: warmed.profile.region,
                    credentials: RoleCredentials(
                        accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                        sessionToken: credentials.sessionToken, expiration: credentials.expiration)))
        }
        return result
    }
}
