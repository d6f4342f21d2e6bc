public import FileStore
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
        let resolved = try resolveCredentials(in: config, environment: environment)
        var profiles: [SSOProfile] = []
        var chains: [RoleChain] = []
        for profile in resolved.profiles {
            switch profile {
            case .sso(let sso): profiles.append(sso)
            case .chain(let chain): chains.append(chain)
            }
        }
        return (profiles, chains, resolved.failures)
    }

    /// The selected profiles, SSO and role chains in one list in the selection's order (named profiles
    /// as named, the others in config-file order), each once; failures to resolve beside them.
    /// - Throws: `SelectionError` when the selection matches nothing or a named profile does not exist.
    public func resolveCredentials(in config: AWSConfigFile, environment: AWSEnvironment) throws(SelectionError)
        -> (profiles: [ProfileCredentials], failures: [(profile: String, error: ConfigError)])
    {
        // Every usable profile (the usual `--all`) is resolved where the file lists it, without a
        // look-up by name; an empty file goes the general way for its error.
        if all, names.isEmpty, patterns.isEmpty, sessions.isEmpty {
            let resolved = config.usableProfileCredentials
            if !resolved.profiles.isEmpty || !resolved.failures.isEmpty { return resolved }
        }
        let names = try names(
            in: config, environment: environment, candidates: config.profileNamesWithUsableCredentials)
        var profiles: [ProfileCredentials] = []
        var failures: [(profile: String, error: ConfigError)] = []
        for (name, resolved) in zip(names, config.credentials(forProfiles: names)) {
            switch resolved {
            case .success(let profile): profiles.append(profile)
            case .failure(let error): failures.append((name, error))
            }
        }
        return (profiles, failures)
    }
}
