/// What resolving many profiles of one file can share: each `[sso-session]` (its section and its
/// settings) and the endpoint overrides of each combination of endpoint keys. A 10,000-profile config
/// has 20 of each, and its profiles usually come session by session, so the last one asked for is
/// checked before the tables.
struct ResolutionMemo {
    struct EndpointInputs: Hashable {
        var services: ConfigValue?
        var endpointURL: ConfigValue?
        var ignore: ConfigValue?
    }

    /// An `[sso-session]` looked up by name: its section (nil when there is none) and, once one
    /// profile resolved it, its settings.
    private struct Session {
        let name: String
        let section: ConfigSection?
        var settings: SSOSessionSettings?
    }

    private var sessions: [Session] = []
    private var sessionIndex: [ExactKey: Int] = [:]
    private var lastSession: Int?
    private var endpoints: [EndpointInputs: EndpointOverrides] = [:]
    private var lastEndpoints: (inputs: EndpointInputs, overrides: EndpointOverrides)?

    /// The memo's number for the `[sso-session name]` of `document`, looked up once per name.
    mutating func session(_ name: String, in document: ConfigDocument) -> Int {
        if let lastSession, sessions[lastSession].name.isExactly(name) { return lastSession }
        let index: Int
        if let known = sessionIndex[ExactKey(name)] {
            index = known
        } else {
            index = sessions.count
            sessions.append(Session(name: name, section: document.section(.ssoSession(name))))
            sessionIndex[ExactKey(name)] = index
        }
        lastSession = index
        return index
    }

    /// The section of the session numbered `index`, or nil when the file has none of that name.
    func sessionSection(_ index: Int) -> ConfigSection? {
        sessions[index].section
    }

    /// The own keys of the section of the session numbered `index` (without making a copy of the section).
    func sessionEntries(_ index: Int) -> [ConfigEntry]? {
        sessions[index].section?.entries
    }

    /// The settings of the session numbered `index`, when a profile resolved them already.
    func sessionSettings(_ index: Int) -> SSOSessionSettings? {
        sessions[index].settings
    }

    mutating func remember(_ settings: SSOSessionSettings, forSession index: Int) {
        sessions[index].settings = settings
    }

    /// The overrides already worked out for `inputs`.
    mutating func endpoints(for inputs: EndpointInputs) -> EndpointOverrides? {
        if let lastEndpoints, lastEndpoints.inputs == inputs { return lastEndpoints.overrides }
        guard let known = endpoints[inputs] else { return nil }
        lastEndpoints = (inputs, known)
        return known
    }

    mutating func remember(_ overrides: EndpointOverrides, for inputs: EndpointInputs) {
        endpoints[inputs] = overrides
        lastEndpoints = (inputs, overrides)
    }
}
