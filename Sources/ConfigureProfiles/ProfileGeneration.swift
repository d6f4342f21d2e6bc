import ParallelExec
public import SSOConfig
import SSOWire
public import SessionActors

/// `multisso configure generate` from start to end but for saving: find or create the sso-session,
/// log in, list every account and role, plan the profiles and apply the plan to the document.
public struct ProfileGeneration: Sendable {
    /// What was planned and the document it gives.
    public struct Outcome: Sendable {
        public var plan: ProfilePlan
        public var session: SSOSessionSettings
        /// Whether the `[sso-session]` section is new (then it is part of the change too).
        public var createdSession: Bool
        /// How many accounts the portal showed.
        public var accountCount: Int
        /// The document before (as loaded) and after the change.
        public var before: ConfigDocument
        public var after: ConfigDocument

        /// Whether saving would change the file.
        public var changesFile: Bool { before.data != after.data }

        /// The change as a unified diff of the config file (empty when nothing changes).
        public func diff(path: String) -> String {
            UnifiedDiff.render(
                old: String(decoding: before.data, as: UTF8.self), new: String(decoding: after.data, as: UTF8.self),
                oldLabel: path, newLabel: path)
        }
    }

    public var directory: SessionDirectory
    public var generator: ProfileGenerator
    /// Start URL and region for a session that is not configured yet.
    public var startURL: String?
    public var region: String?
    /// How many accounts' roles are listed at once.
    public var concurrency: Int

    public init(
        directory: SessionDirectory, generator: ProfileGenerator, startURL: String? = nil, region: String? = nil,
        concurrency: Int = 16
    ) {
        self.directory = directory
        self.generator = generator
        self.startURL = startURL
        self.region = region
        self.concurrency = concurrency
    }

    /// Logs in if needed, lists the portal and plans the change; nothing is written.
    /// - Throws: `ConfigureError`, `ConfigError`, `SessionError`, `WireError`, `CancellationError`.
    public func run() async throws -> Outcome {
        let config = directory.config
        var document = config.document
        let createdSession = document.section(.ssoSession(generator.session)) == nil
        let settings = try SSOSessionSetup.prepare(
            name: generator.session, startURL: startURL, region: region, config: config, document: &document)
        let portal = try await directory.portal(forSession: settings)
        let client = try directory.portalClient(for: nil, session: settings)
        let concurrency = self.concurrency
        let accounts = try await portal.withAccessToken { token in
            try await client.listAccountsWithRoles(accessToken: token, concurrency: concurrency)
        }
        let plan = generator.plan(accounts: accounts, document: document)
        let after = try plan.apply(to: document)
        return Outcome(
            plan: plan, session: settings, createdSession: createdSession, accountCount: accounts.count,
            before: config.document, after: after)
    }
}
