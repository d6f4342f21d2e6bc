import AWSFormats
import FailureKinds
import Foundation
import SSOCache
import SSOConfig

/// One unit of a warm-up's second phase: the profiles (positions in the warm-up's list) that name one
/// SSO role, whose actor is found or made only when the unit starts, or the role chains (positions
/// among its chains) that end in one hop.
enum WarmUpItem: Sendable {
    case role([Int])
    case hop(AssumedRoleSource, [Int])

    mutating func add(_ position: Int) {
        switch self {
        case .role(let positions): self = .role(positions + [position])
        case .hop(let source, let positions): self = .hop(source, positions + [position])
        }
    }

    /// Waits until no abandoned request of this item (or of the hops and the role beneath it) runs;
    /// `role` is a role item's actor, when it has one.
    func settle(role: RoleCredentialSource?) async {
        switch self {
        case .role:
            await role?.settle()
        case .hop(let last, _):
            var source = HopSource.hop(last)
            while true {
                switch source {
                case .hop(let hop):
                    await hop.settle()
                    source = hop.source
                case .sso(let role):
                    await role.settle()
                    return
                case .keys:
                    return
                }
            }
        }
    }
}

extension SessionDirectory {
    /// What a chained profile's outcome names as its portal: the root's portal, or the static keys.
    nonisolated static func rootLabel(_ chain: RoleChain, portal: String?) -> String {
        portal ?? "\(chain.root.kind) (\(chain.root.profile))"
    }

    static func failed(
        _ chain: RoleChain, portal: String, code: String, message: String, kind: FailureKind
    ) -> ProfileOutcome {
        let hop = chain.hops[chain.hops.count - 1]
        return ProfileOutcome(
            profile: chain.profile, portal: portal, accountID: hop.accountID ?? "",
            roleName: String(hop.roleARN.split(separator: "/").last ?? ""), succeeded: false, fromCache: false,
            expiration: nil, errorCode: code, message: message, failureKind: kind)
    }

    static func fetch(
        _ source: AssumedRoleSource, for chains: [RoleChain], forceRefresh: Bool, events: ProgressSink
    ) async -> [ProfileOutcome] {
        var root = source.source
        while case .hop(let previous) = root { root = previous.source }
        let portal: String? = if case .sso(let role) = root { role.portal.label } else { nil }
        do {
            let fetched = try await source.fetch(forceRefresh: forceRefresh)
            return chains.map { chain in
                let label = rootLabel(chain, portal: portal)
                events.send(
                    .profileDone(
                        profile: chain.profile, portal: label, fromCache: fetched.fromCache,
                        expiration: fetched.credentials.expiration))
                var outcome = failed(chain, portal: label, code: "", message: "", kind: .partial)
                outcome.succeeded = true
                outcome.fromCache = fetched.fromCache
                outcome.expiration = fetched.credentials.expiration
                outcome.errorCode = nil
                outcome.message = nil
                outcome.failureKind = nil
                return outcome
            }
        } catch {
            let code = (error as? SessionError)?.code ?? (error is CancellationError ? "cancelled" : "error")
            let message = "\(error)"
            let kind = FailureKind(of: error)
            return chains.map { chain in
                let label = rootLabel(chain, portal: portal)
                events.send(.profileFailed(profile: chain.profile, portal: label, code: code, message: message))
                return failed(chain, portal: label, code: code, message: message, kind: kind)
            }
        }
    }
}
