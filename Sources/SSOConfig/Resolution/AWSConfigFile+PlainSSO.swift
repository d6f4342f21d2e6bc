/// The usual SSO profile resolved straight from what the lexer found, without making its section:
/// `--all` over a 10,000-profile config resolved each profile through a `ConfigSection` made for it
/// (every key and value copied into new entries), most of the cost of resolution. Anything unusual
/// (a `[DEFAULT]` block, a value over several lines, anything that would be an error) is left to
/// ``ssoProfile(named:section:memo:)``; `Tests/ConfigTests/UsableProfilesDifferentialTests.swift`
/// compares the two.
extension AWSConfigFile {
    /// The SSO profile `name` whose section is at `index` of the document, or nil when the general
    /// resolution must decide (the profile is then resolved, or refused, by it).
    func plainSSOProfile(at index: Int, name: String, memo: inout ResolutionMemo) -> SSOProfile? {
        guard !document.hasDefaults else { return nil }
        let entries = document.lexed[index].entries
        // Only one-line values: each is its first piece, and none is a sub-section. (Read in place: a
        // scan by `allSatisfy` copies every entry it passes.)
        let oneLine = entries.withUnsafeBufferPointer { buffer in
            buffer.indices.allSatisfy { buffer[$0].continuations.isEmpty }
        }
        guard oneLine else { return nil }
        func own(_ key: ConfigKey) -> String? {
            entries.firstIndex(of: key).map { entries[$0].first }
        }
        // The session's own keys (the file has no `[DEFAULT]`, so it inherits none).
        var sessionEntries: [ConfigEntry]?
        var settings: SSOSessionSettings?
        if let sessionName = own(.ssoSession) {
            let session = memo.session(sessionName, in: document)
            guard let found = memo.sessionEntries(session) else { return nil }
            // botocore's merge: a key in both the profile and the session must have the same value.
            for theirs in found.indices {
                let code = found[theirs].code
                let mine =
                    code != .other
                    ? entries.firstIndex(of: code) : entries.firstIndex { $0.key.isExactly(found[theirs].key) }
                if let mine, ConfigValue.text(entries[mine].first) != found[theirs].value { return nil }
            }
            sessionEntries = found
            if let known = memo.sessionSettings(session) {
                settings = known
            } else {
                guard let section = memo.sessionSection(session),
                    let made = try? sessionSettings(section, profile: name)
                else { return nil }
                memo.remember(made, forSession: session)
                settings = made
            }
        }
        // The session's value when it has the key, otherwise the profile's; nil for a sub-section.
        func merged(_ key: ConfigKey) -> String?? {
            if let sessionEntries, let index = sessionEntries.firstIndex(of: key) {
                return .some(sessionEntries[index].value.text)
            }
            return own(key).map { .some($0) } ?? .none
        }
        guard case .some(let accountID?) = merged(.ssoAccountID), case .some(let roleName?) = merged(.ssoRoleName),
            case .some(let startURL?) = merged(.ssoStartURL), case .some(let region?) = merged(.ssoRegion)
        else { return nil }
        if settings == nil {
            // A legacy profile: the settings are its own keys.
            settings = SSOSessionSettings(
                name: nil, startURL: startURL, region: region, registrationScopes: nil,
                useDeviceCode: SSOSessionSettings.isTrue(own(.ssoUseDeviceCode)))
        }
        guard let settings, let endpoints = plainEndpoints(entries, name: name, memo: &memo) else { return nil }
        return SSOProfile(
            name: name, session: settings, accountID: accountID, roleName: roleName, region: own(.region),
            output: own(.output), endpoints: endpoints, file: file, line: document.lexed[index].headerLine + 1)
    }

    /// The profile's endpoint overrides, shared with the profiles of the same endpoint keys, or nil
    /// when working them out fails.
    private func plainEndpoints(_ entries: [LexedEntry], name: String, memo: inout ResolutionMemo) -> EndpointOverrides?
    {
        func value(_ key: ConfigKey) -> ConfigValue? {
            entries.firstIndex(of: key).map { .text(entries[$0].first) }
        }
        let inputs = ResolutionMemo.EndpointInputs(
            services: value(.services), endpointURL: value(.endpointURL), ignore: value(.ignoreConfiguredEndpointURLs))
        if let known = memo.endpoints(for: inputs) { return known }
        guard let endpoints = try? endpoints(forProfile: name) else { return nil }
        memo.remember(endpoints, for: inputs)
        return endpoints
    }
}
