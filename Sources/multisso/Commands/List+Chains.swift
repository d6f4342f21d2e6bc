import ArgumentParser
import SSOConfig
import SessionActors

/// `multisso list` and role chains: a chain lists the portal at its root, and the chains rooted in the
/// listed portal are shown with their hops, as `status` shows them.
extension List {
    /// One role chain in `--output json`, under the account its root role belongs to.
    struct ChainEntry: Codable {
        var profile: String
        /// `spoke ← hub (sso: corp)`: the profiles from this one back to the root.
        var chain: String
        var sourceProfile: String
        var roleArn: String
        var accountID: String
        var roleName: String

        enum CodingKeys: String, CodingKey {
            case profile, chain, sourceProfile, roleArn
            case accountID = "accountId"
            case roleName
        }

        init(_ chain: RoleChain) {
            profile = chain.profile
            self.chain = chain.summary
            sourceProfile = chain.root.profile
            roleArn = chain.hops.last?.roleARN ?? ""
            accountID = chain.hops.last?.accountID ?? ""
            roleName = chain.hops.last?.roleName ?? ""
        }
    }

    /// The SSO profile whose portal `--profile NAME` lists: the profile itself, or a chain's root.
    /// - Throws: `SessionError` when the profile does not resolve; `ValidationError` for a chain rooted
    ///   in static keys (it has no portal).
    static func portalProfile(named name: String, directory: SessionDirectory) throws -> SSOProfile {
        switch try directory.credentialProfile(named: name) {
        case .sso(let profile): return profile
        case .chain(let chain):
            guard case .sso(let root) = chain.root else {
                throw ValidationError(
                    "profile \(name) is a role chain rooted in static keys (\(chain.summary)): it has no portal to list; "
                        + "name an SSO profile or --sso-session")
            }
            return root
        }
    }

    /// Puts each chain under the account its root role belongs to; returns those whose account the
    /// portal did not list.
    static func attach(_ chains: [RoleChain], to entries: inout [AccountEntry]) -> [RoleChain] {
        var unplaced: [RoleChain] = []
        for chain in chains {
            guard case .sso(let root) = chain.root,
                let index = entries.firstIndex(where: { $0.accountID == root.accountID })
            else {
                unplaced.append(chain)
                continue
            }
            entries[index].roleChains = (entries[index].roleChains ?? []) + [ChainEntry(chain)]
        }
        return unplaced
    }

    /// The chains' table: each chain whole (its hops), then the account and role it signs in as.
    static func chainTable(_ chains: [RoleChain]) -> String {
        var rows = [["ROLE CHAIN", "ACCOUNT", "ROLE"]]
        for chain in chains {
            rows.append([chain.summary, chain.hops.last?.accountID ?? "", chain.hops.last?.roleName ?? ""])
        }
        let summaries = Set(chains.map(\.summary))
        return SummaryTable.table(rows, keepWhole: { summaries.contains($0) })
    }
}
