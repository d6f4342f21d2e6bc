import FileStore

/// Resolution of role chains with botocore's `AssumeRoleProvider` rules: which profiles assume a role,
/// the walk from `source_profile` to `source_profile` (with `InfiniteLoopConfigError`'s cycle check and
/// its self-reference exception), and what a source profile without `role_arn` yields.
extension AWSConfigFile {
    /// botocore's `_has_assume_role_config_vars`: `role_arn` without `web_identity_token_file`.
    public func isRoleChainProfile(_ name: String) -> Bool {
        guard let section = document.section(.profile(name)) else { return false }
        return Self.assumesRole(section)
    }

    /// Whether a profile gives credentials multisso can produce: a role chain or an SSO profile.
    public func hasUsableCredentials(_ name: String) -> Bool {
        isRoleChainProfile(name) || isSSOProfile(name)
    }

    /// The profiles for which ``hasUsableCredentials(_:)`` holds, in botocore's order.
    public var profileNamesWithUsableCredentials: [String] {
        document.profileIndices.compactMap { index in
            Self.assumesRole(at: index, in: document) || Self.isSSO(at: index, in: document)
                ? document.id(at: index).name : nil
        }
    }

    /// How the profile gets its credentials, in botocore's order: `role_arn` first, then SSO.
    /// - Throws: `ConfigError` from ``roleChain(named:)`` or ``ssoProfile(named:)``.
    public func credentials(forProfile name: String) throws(ConfigError) -> ProfileCredentials {
        var memo = ResolutionMemo()
        return try credentials(forProfile: name, memo: &memo)
    }

    /// ``credentials(forProfile:)`` for each name, in order: what several profiles share (their
    /// `[sso-session]`, their endpoint overrides) is resolved once.
    public func credentials(forProfiles names: [String]) -> [Result<ProfileCredentials, ConfigError>] {
        var memo = ResolutionMemo()
        return names.map { name in Result { () throws(ConfigError) in try credentials(forProfile: name, memo: &memo) } }
    }

    /// ``credentials(forProfiles:)`` of ``profileNamesWithUsableCredentials``, split into the profiles
    /// that resolve and the failures (each in file order), read from each profile's section where the
    /// names were found instead of looking every name up again, and without a list of both between.
    public var usableProfileCredentials:
        (profiles: [ProfileCredentials], failures: [(profile: String, error: ConfigError)])
    {
        var memo = ResolutionMemo()
        var profiles: [ProfileCredentials] = []
        var failures: [(profile: String, error: ConfigError)] = []
        profiles.reserveCapacity(document.profileIndices.count)
        for index in document.profileIndices {
            let role = Self.assumesRole(at: index, in: document)
            guard role || Self.isSSO(at: index, in: document) else { continue }
            let name = document.id(at: index).name
            do {
                profiles.append(try credentials(at: index, name: name, role: role, memo: &memo))
            } catch {
                failures.append((name, error))
            }
        }
        return (profiles, failures)
    }

    private func credentials(forProfile name: String, memo: inout ResolutionMemo) throws(ConfigError)
        -> ProfileCredentials
    {
        guard let index = document.lexedIndex(of: .profile(name)) else {
            throw .profileNotFound(profile: name, file: file)
        }
        return try credentials(
            at: index, name: name, role: Self.assumesRole(at: index, in: document), memo: &memo)
    }

    /// The credentials of the profile `name` whose section is at `index` of the document (`role`: it
    /// assumes a role).
    private func credentials(at index: Int, name: String, role: Bool, memo: inout ResolutionMemo)
        throws(ConfigError) -> ProfileCredentials
    {
        if role { return .chain(try roleChain(named: name)) }
        if let plain = plainSSOProfile(at: index, name: name, memo: &memo) { return .sso(plain) }
        return .sso(try ssoProfile(named: name, section: document.section(at: index), memo: &memo))
    }

    /// Resolves a profile with `role_arn` down to its root credentials.
    /// - Throws: `ConfigError`: profile or source profile not found, a cycle, both or neither of
    ///   `source_profile` and `credential_source`, a root multisso cannot use, or an SSO or endpoint error.
    public func roleChain(named name: String) throws(ConfigError) -> RoleChain {
        guard let top = document.section(.profile(name)) else { throw .profileNotFound(profile: name, file: file) }
        guard Self.assumesRole(top) else { throw .notARoleProfile(profile: name, file: file, line: top.line) }
        var visited = [name]
        var hops: [RoleHop] = []
        var current = top
        while true {
            let (hop, sourceName) = try roleHop(current)
            hops.insert(hop, at: 0)
            guard let source = document.section(.profile(sourceName)) else {
                throw .sourceProfileNotFound(
                    profile: current.id.name, source: sourceName, file: file,
                    line: current.line(of: "source_profile") ?? current.line)
            }
            if visited.contains(sourceName), sourceName != current.id.name || !Self.hasStaticKeys(source) {
                throw .infiniteLoop(
                    source: sourceName, visited: visited, file: file,
                    line: current.line(of: "source_profile") ?? current.line)
            }
            visited.append(sourceName)
            if Self.hasStaticKeys(source) || !Self.assumesRole(source) {
                let root = try chainRoot(source, for: current.id.name)
                return RoleChain(
                    profile: name, root: root, hops: hops, sts: try stsEndpoint(forProfile: top),
                    region: regionSetting(top),
                    file: file, line: top.line)
            }
            current = source
        }
    }

    /// The hop a profile with `role_arn` describes, and the name of its source profile.
    private func roleHop(_ section: ConfigSection) throws(ConfigError) -> (RoleHop, String) {
        let name = section.id.name
        func value(_ key: String) throws(ConfigError) -> String? {
            guard let entry = section.entry(key) else { return nil }
            return try text(entry, in: section)
        }
        let roleLine = section.line(of: "role_arn") ?? section.line
        let source = try value("source_profile")
        if let credentialSource = try value("credential_source") {
            let line = section.line(of: "credential_source") ?? section.line
            if source != nil { throw .sourceAndCredentialSource(profile: name, file: file, line: line) }
            throw .notRootedInSSO(
                profile: name, root: name, how: "credential_source = \(credentialSource)", file: file, line: line)
        }
        guard let source else { throw .missingSourceProfile(profile: name, file: file, line: roleLine) }
        let hop = RoleHop(
            profile: name, roleARN: try value("role_arn") ?? "", sessionName: try value("role_session_name"),
            externalID: try value("external_id"), durationSeconds: Self.pythonInt(try value("duration_seconds")),
            mfaSerial: try value("mfa_serial"), line: roleLine)
        return (hop, source)
    }

    /// What botocore's profile provider chain takes from a source profile without an assume-role
    /// configuration (or with static keys): web identity, SSO, `credential_process`, then static keys.
    private func chainRoot(_ source: ConfigSection, for profile: String) throws(ConfigError) -> ChainRoot {
        let name = source.id.name
        if source.entry("web_identity_token_file") != nil, source.entry("role_arn") != nil {
            throw .notRootedInSSO(
                profile: profile, root: name, how: "web_identity_token_file", file: file, line: source.line)
        }
        if isSSOProfile(name) { return .sso(try ssoProfile(named: name)) }
        if source.entry("credential_process") != nil {
            throw .notRootedInSSO(
                profile: profile, root: name, how: "credential_process", file: file,
                line: source.line(of: "credential_process") ?? source.line)
        }
        if let keyEntry = source.entry("aws_access_key_id") {
            guard let secretEntry = source.entry("aws_secret_access_key") else {
                throw .partialStaticKeys(
                    profile: name, missing: "aws_secret_access_key", file: file, line: keyEntry.line)
            }
            let token = try (source.entry("aws_security_token") ?? source.entry("aws_session_token")).map {
                entry throws(ConfigError) in
                try text(entry, in: source)
            }
            return .staticKeys(
                StaticCredentials(
                    profile: name, accessKeyID: try text(keyEntry, in: source),
                    secretAccessKey: try text(secretEntry, in: source),
                    sessionToken: token))
        }
        throw .sourceWithoutCredentials(source: name, profile: profile, file: file, line: source.line)
    }

    private func regionSetting(_ section: ConfigSection) -> String? {
        if let region = environment.variables[AWSEnvironment.Variable.defaultRegion] {
            return region.isEmpty ? nil : region
        }
        return section.value("region").flatMap { $0.isEmpty ? nil : $0 }
    }

    static func assumesRole(_ section: ConfigSection) -> Bool {
        section.entry("role_arn") != nil && section.entry("web_identity_token_file") == nil
    }

    /// ``assumesRole(_:)`` for the section at `index` of `document`, without making the section.
    static func assumesRole(at index: Int, in document: ConfigDocument) -> Bool {
        document.hasKey(.roleARN, at: index) && !document.hasKey(.webIdentityTokenFile, at: index)
    }

    static func hasStaticKeys(_ section: ConfigSection) -> Bool {
        section.entry("aws_access_key_id") != nil || section.entry("aws_secret_access_key") != nil
    }

    /// Python's `int(text)` for decimal text: surrounding whitespace, a sign, digits with single
    /// underscores between them; nil where Python raises `ValueError`.
    static func pythonInt(_ raw: String?) -> Int? {
        guard let raw else { return nil }
        var text = Substring(PythonText.strip(raw))
        var negative = false
        if let first = text.first, first == "+" || first == "-" {
            negative = first == "-"
            text = text.dropFirst()
        }
        guard let first = text.first, let last = text.last, first.isASCII, first.isNumber, last.isASCII, last.isNumber,
            !text.contains("__"), text.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" })
        else { return nil }
        guard let value = Int(text.filter { $0 != "_" }) else { return nil }
        return negative ? -value : value
    }
}
