/// Resolution of SSO profiles and sso-sessions with botocore's rules and messages
/// (`SSOProvider._load_sso_config`, `SSOTokenProvider._load_sso_config`). A profile that also has
/// static keys is an SSO profile, as botocore's provider order makes it; one with `role_arn` is a role
/// chain first (see ``credentials(forProfile:)``).
extension AWSConfigFile {
    /// Keys whose presence makes a profile an SSO profile.
    public static let ssoKeys = ["sso_session", "sso_account_id", "sso_role_name", "sso_start_url"]
    /// Whether the profile has any of `sso_session`, `sso_account_id`, `sso_role_name`, `sso_start_url`.
    public func isSSOProfile(_ name: String) -> Bool {
        guard let section = document.section(.profile(name)) else { return false }
        return Self.isSSO(section)
    }

    static func isSSO(_ section: ConfigSection) -> Bool {
        ssoKeyCodes.contains { section.entry($0) != nil }
    }

    /// ``isSSO(_:)`` for the section at `index` of `document`, without making the section.
    static func isSSO(at index: Int, in document: ConfigDocument) -> Bool {
        ssoKeyCodes.contains { document.hasKey($0, at: index) }
    }

    /// ``ssoKeys`` as the lexer numbers them.
    private static let ssoKeyCodes = ssoKeys.map { ConfigKey($0) }

    /// Resolves an SSO profile into one shape for both config forms.
    /// - Throws: `ConfigError`: profile not found, not an SSO profile, sso-session not found, inconsistent values, missing required keys (in the profile or in the
    ///   session section), or an endpoint override error.
    public func ssoProfile(named name: String) throws(ConfigError) -> SSOProfile {
        var memo = ResolutionMemo()
        return try ssoProfile(named: name, memo: &memo)
    }

    /// Every SSO profile of the file that resolves, in botocore's order; the ones that do not are left
    /// out. What the profiles share (their `[sso-session]`, their endpoint overrides) is resolved once.
    public var resolvableSSOProfiles: [SSOProfile] {
        var memo = ResolutionMemo()
        return document.profileIndices.compactMap { index in
            guard Self.isSSO(at: index, in: document) else { return nil }
            let section = document.section(at: index)
            return try? ssoProfile(named: section.id.name, section: section, memo: &memo)
        }
    }

    /// ``ssoProfile(named:)``, reusing what `memo` holds from other profiles of this file.
    func ssoProfile(named name: String, memo: inout ResolutionMemo) throws(ConfigError) -> SSOProfile {
        guard let section = document.section(.profile(name)) else { throw .profileNotFound(profile: name, file: file) }
        return try ssoProfile(named: name, section: section, memo: &memo)
    }

    /// ``ssoProfile(named:memo:)`` for the profile's section, already looked up.
    func ssoProfile(named name: String, section: ConfigSection, memo: inout ResolutionMemo) throws(ConfigError)
        -> SSOProfile
    {
        guard Self.isSSO(section) else { throw .notAnSSOProfile(profile: name, file: file, line: section.line) }
        // botocore merges the session's keys over the profile's (a key in both must have the same
        // value); the merged keys are read here from the two sections instead of a merged copy.
        var session: Int?
        var sessionSection: ConfigSection?
        if let reference = section.entry(.ssoSession) {
            let sessionName = try text(reference, in: section)
            let index = memo.session(sessionName, in: document)
            guard let found = memo.sessionSection(index) else {
                throw .ssoSessionNotFound(profile: name, session: sessionName, file: file, line: reference.line)
            }
            for entry in found.allEntries {
                guard let own = Self.sameKey(as: entry, in: section), own.value != entry.value else { continue }
                throw .inconsistentValue(
                    key: entry.key, profileValue: own.value.pythonDisplay,
                    sessionValue: entry.value.pythonDisplay, profile: name, session: sessionName,
                    file: file, line: own.line
                )
            }
            session = index
            sessionSection = found
        }
        // The session's entry when it has the key (botocore's merge), otherwise the profile's.
        func merged(_ key: ConfigKey) -> ConfigEntry? {
            if let entry = sessionSection?.entry(key) { return entry }
            return section.entry(key)
        }
        var missing: [String] = []
        for key in Self.requiredSSOKeys where merged(key) == nil { missing.append(key.name) }
        if session != nil, merged(.ssoSession) == nil { missing.append(ConfigKey.ssoSession.name) }
        guard missing.isEmpty else {
            throw .missingRequiredKeys(profile: name, keys: missing, file: file, line: section.line)
        }
        func value(_ key: ConfigKey) throws(ConfigError) -> String? {
            guard let entry = merged(key) else { return nil }
            return try text(entry, in: section)
        }
        let settings: SSOSessionSettings
        if let session, let sessionSection {
            if let known = memo.sessionSettings(session) {
                settings = known
            } else {
                settings = try sessionSettings(sessionSection, profile: name)
                memo.remember(settings, forSession: session)
            }
        } else {
            settings = SSOSessionSettings(
                name: nil, startURL: try value(.ssoStartURL) ?? "", region: try value(.ssoRegion) ?? "",
                registrationScopes: nil, useDeviceCode: SSOSessionSettings.isTrue(try value(.ssoUseDeviceCode))
            )
        }
        return SSOProfile(
            name: name, session: settings, accountID: try value(.ssoAccountID) ?? "",
            roleName: try value(.ssoRoleName) ?? "", region: section.entry(.region)?.value.text,
            output: section.entry(.output)?.value.text,
            endpoints: try endpoints(of: section, memo: &memo), file: file, line: section.line
        )
    }

    /// The endpoint overrides of a profile section: those of another profile with the same `services`,
    /// `endpoint_url` and `ignore_configured_endpoint_urls` values (the environment is the file's), or
    /// ``endpoints(forProfile:)``'s. Only successes are kept: an error names its own profile.
    private func endpoints(of section: ConfigSection, memo: inout ResolutionMemo) throws(ConfigError)
        -> EndpointOverrides
    {
        let inputs = ResolutionMemo.EndpointInputs(
            services: section.entry(.services)?.value, endpointURL: section.entry(.endpointURL)?.value,
            ignore: section.entry(.ignoreConfiguredEndpointURLs)?.value)
        if let known = memo.endpoints(for: inputs) { return known }
        let endpoints = try endpoints(forProfile: section.id.name)
        memo.remember(endpoints, for: inputs)
        return endpoints
    }

    /// The keys an SSO profile needs, in botocore's order (plus `sso_session` with a session).
    private static let requiredSSOKeys: [ConfigKey] = [.ssoRoleName, .ssoAccountID, .ssoStartURL, .ssoRegion]

    /// The entry of `section` with the key of `entry` (own before inherited).
    private static func sameKey(as entry: ConfigEntry, in section: ConfigSection) -> ConfigEntry? {
        if entry.code != .other { return section.entry(entry.code) }
        return section.entries.first { $0.key.isExactly(entry.key) }
            ?? section.inherited.first { $0.key.isExactly(entry.key) }
    }

    /// The settings of an `[sso-session NAME]` section.
    /// - Throws: `ConfigError.ssoSessionNotFound`, or `.ssoSessionMissingKeys` when the section lacks
    ///   `sso_start_url` or `sso_region`.
    public func ssoSession(named name: String) throws(ConfigError) -> SSOSessionSettings {
        guard let section = document.section(.ssoSession(name)) else {
            throw .ssoSessionNotFound(profile: nil, session: name, file: file, line: nil)
        }
        return try sessionSettings(section, profile: nil)
    }

    func sessionSettings(_ section: ConfigSection, profile: String?) throws(ConfigError) -> SSOSessionSettings {
        let missing = ["sso_start_url", "sso_region"].filter { section.entry($0) == nil }
        guard missing.isEmpty else {
            throw .ssoSessionMissingKeys(
                profile: profile, session: section.id.name, keys: missing, file: file, line: section.line)
        }
        func value(_ key: String) throws(ConfigError) -> String? {
            guard let entry = section.entry(key) else { return nil }
            return try text(entry, in: section)
        }
        return SSOSessionSettings(
            name: section.id.name, startURL: try value("sso_start_url") ?? "", region: try value("sso_region") ?? "",
            registrationScopes: SSOSessionSettings.parseScopes(try value("sso_registration_scopes")),
            useDeviceCode: SSOSessionSettings.isTrue(try value("sso_use_device_code"))
        )
    }

    /// The entry's string value; a sub-section where one value belongs is an error.
    func text(_ entry: ConfigEntry, in section: ConfigSection) throws(ConfigError) -> String {
        guard let text = entry.value.text else {
            throw .notASingleValue(key: entry.key, section: section.header, file: file, line: entry.line)
        }
        return text
    }
}
