public import SSOConfig

/// What `multisso configure generate` will change in the config file, computed before anything is
/// written, so that `--dry-run` can show it and the real run can apply exactly that.
public struct ProfilePlan: Sendable, Hashable, Encodable {
    /// A profile to add for an assignment that has none yet.
    public struct Addition: Sendable, Hashable, Encodable {
        public var profile: String
        public var accountID: String
        public var accountName: String
        public var roleName: String
        /// The keys of the new section, in the order they are written.
        public var entries: [Setting]

        enum CodingKeys: String, CodingKey {
            case profile
            case accountID = "accountId"
            case accountName, roleName, entries
        }

        public init(profile: String, accountID: String, accountName: String, roleName: String, entries: [Setting]) {
            self.profile = profile
            self.accountID = accountID
            self.accountName = accountName
            self.roleName = roleName
            self.entries = entries
        }
    }

    /// A generated profile whose settings (region, output) change.
    public struct Update: Sendable, Hashable, Encodable {
        public var profile: String
        public var changes: [Change]

        public init(profile: String, changes: [Change]) {
            self.profile = profile
            self.changes = changes
        }
    }

    /// A generated profile of this session whose account and role the portal no longer shows.
    public struct Stale: Sendable, Hashable, Encodable {
        public var profile: String
        public var accountID: String
        public var roleName: String

        enum CodingKeys: String, CodingKey {
            case profile
            case accountID = "accountId"
            case roleName
        }

        public init(profile: String, accountID: String, roleName: String) {
            self.profile = profile
            self.accountID = accountID
            self.roleName = roleName
        }
    }

    /// One `key = value` line.
    public struct Setting: Sendable, Hashable, Encodable {
        public var key: String
        public var value: String

        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// One key that changes value (`old` nil when the key is added).
    public struct Change: Sendable, Hashable, Encodable {
        public var key: String
        public var old: String?
        public var new: String

        public init(key: String, old: String?, new: String) {
            self.key = key
            self.old = old
            self.new = new
        }
    }

    /// The sso-session the profiles use.
    public var session: String
    public var additions: [Addition] = []
    public var updates: [Update] = []
    /// Stale generated profiles that will be removed (with `--prune`).
    public var removals: [Stale] = []
    /// Stale generated profiles that stay because `--prune` was not given.
    public var kept: [Stale] = []
    /// Profiles (generated or the user's own) that already match an assignment and stay as they are.
    public var unchanged: [String] = []

    /// Whether applying the plan changes nothing.
    public var isEmpty: Bool { additions.isEmpty && updates.isEmpty && removals.isEmpty }

    /// The document with the plan applied: updated keys are changed in place, removed profiles are
    /// cut out, new profiles are appended at the end of the file; every other byte stays as it was.
    /// - Throws: `ConfigError` only if the edited text does not parse (which the edits never cause).
    public func apply(to document: ConfigDocument) throws(ConfigError) -> ConfigDocument {
        var edited = document
        for update in updates {
            for change in update.changes {
                edited.setValue(change.new, forKey: change.key, in: .profile(update.profile))
            }
        }
        edited = try edited.removingSections(Set(removals.map { SectionID.profile($0.profile) }))
        return try edited.appendingSections(
            additions.map { addition in
                (SectionID.profile(addition.profile), addition.entries.map { ($0.key, $0.value) })
            })
    }
}
