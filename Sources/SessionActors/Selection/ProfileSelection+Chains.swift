public import SSOConfig

/// The selection with role chains: `--all` and `--match` also pick profiles with `role_arn`, and a
/// named profile resolves with botocore's precedence (a role chain before SSO).
extension ProfileSelection {
    /// The selected SSO profiles and role chains, in config-file order, each once; profiles that fail to
    /// resolve are returned beside them with the reason.
    /// - Throws: `SelectionError` when the selection matches nothing or a named profile does not exist.
    public func resolveWithChains(in config: AWSConfigFile, environment: AWSEnvironment) throws(SelectionError)
        -> (profiles: [SSOProfile], chains: [RoleChain], failures: [(profile: String, error: ConfigError)])
    {
        let candidates = config.profileNames.filter { config.hasUsableCredentials($0) }
        var profiles: [SSOProfile] = []
        var chains: [RoleChain] = []
        var failures: [(profile: String, error: ConfigError)] = []
        for name in try names(in: config, environment: environment, candidates: candidates) {
            do {
                switch try config.credentials(forProfile: name) {
                case .sso(let profile): profiles.append(profile)
                case .chain(let chain): chains.append(chain)
                }
            } catch {
                failures.append((name, error))
            }
        }
        return (profiles, chains, failures)
    }
}
