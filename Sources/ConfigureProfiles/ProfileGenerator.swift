public import SSOConfig
public import SSOWire

/// Plans a profile for every account and role the portal shows, for `multisso configure generate`.
///
/// **Which profiles it owns.** Every profile it writes carries `multisso_generated = true` (botocore
/// and the AWS CLI ignore keys they do not know). An assignment counts as configured when any profile
/// (generated or the user's own) has the same `sso_session`, `sso_account_id` and `sso_role_name`;
/// no second profile is added for it. Only generated profiles of the same sso-session are ever
/// updated (`region`, `output` when given) or pruned; the user's own profiles are never touched.
///
/// **Names.** The template is filled in and sanitised (`ProfileNameSanitizer`). A name already used
/// by any profile (or `default`) gets the account ID appended (unless the template has it), then
/// `-2`, `-3`… Assignments are named in account-ID then role-name order, so the same portal and
/// config always give the same names; an existing profile keeps its name when the template changes.
public struct ProfileGenerator: Sendable {
    /// The key that marks a profile as written by `configure generate`.
    public static let markerKey = "multisso_generated"

    public var session: String
    public var template: ProfileNameTemplate
    /// `region` for every profile (nil: not written, and left alone in existing profiles).
    public var region: String?
    /// `output` for every profile (nil: not written, and left alone in existing profiles).
    public var outputFormat: String?
    /// Remove generated profiles whose assignment disappeared.
    public var prune: Bool

    public init(
        session: String, template: ProfileNameTemplate = .standard, region: String? = nil,
        outputFormat: String? = nil, prune: Bool = false
    ) {
        self.session = session
        self.template = template
        self.region = region
        self.outputFormat = outputFormat
        self.prune = prune
    }

    private struct Assignment: Hashable {
        var accountID: String
        var roleName: String
    }

    /// The changes that bring `document` in line with `accounts` (the portal's accounts and roles).
    public func plan(accounts: [PortalAccount], document: ConfigDocument) -> ProfilePlan {
        var plan = ProfilePlan(session: session)
        var existing: [Assignment: [ConfigSection]] = [:]
        for section in document.profileSections where section.value("sso_session") == session {
            guard let accountID = section.value("sso_account_id"), let roleName = section.value("sso_role_name") else {
                continue
            }
            existing[Assignment(accountID: accountID, roleName: roleName), default: []].append(section)
        }
        var taken = Set(
            document.sections.filter { $0.id.kind == .profile || $0.id.kind == .defaultProfile }.map(\.id.name))
        taken.insert("default")

        let ordered = accounts.sorted { $0.accountID < $1.accountID }
        var wanted = Set<Assignment>()
        for account in ordered {
            for roleName in Set(account.roles).sorted() {
                let assignment = Assignment(accountID: account.accountID, roleName: roleName)
                wanted.insert(assignment)
                if let sections = existing[assignment] {
                    for section in sections { record(section, in: &plan) }
                    continue
                }
                let name = uniqueName(account: account, roleName: roleName, taken: taken)
                taken.insert(name)
                plan.additions.append(
                    ProfilePlan.Addition(
                        profile: name, accountID: account.accountID, accountName: account.accountName,
                        roleName: roleName,
                        entries: entries(accountID: account.accountID, roleName: roleName)))
            }
        }
        plan.additions.sort { $0.profile < $1.profile }
        for (assignment, sections) in existing.sorted(by: {
            ($0.key.accountID, $0.key.roleName) < ($1.key.accountID, $1.key.roleName)
        })
        where !wanted.contains(assignment) {
            for section in sections where Self.isGenerated(section) {
                let stale = ProfilePlan.Stale(
                    profile: section.id.name, accountID: assignment.accountID, roleName: assignment.roleName)
                if prune { plan.removals.append(stale) } else { plan.kept.append(stale) }
            }
        }
        return plan
    }

    /// Whether the section carries the `multisso_generated = true` marker.
    public static func isGenerated(_ section: ConfigSection) -> Bool {
        section.value(markerKey).map { $0.lowercased() == "true" } ?? false
    }

    private func record(_ section: ConfigSection, in plan: inout ProfilePlan) {
        var changes: [ProfilePlan.Change] = []
        if Self.isGenerated(section) {
            for (key, wanted) in [("region", region), ("output", outputFormat)] {
                guard let wanted, section.value(key) != wanted else { continue }
                changes.append(ProfilePlan.Change(key: key, old: section.value(key), new: wanted))
            }
        }
        if changes.isEmpty {
            plan.unchanged.append(section.id.name)
        } else {
            plan.updates.append(ProfilePlan.Update(profile: section.id.name, changes: changes))
        }
    }

    private func entries(accountID: String, roleName: String) -> [ProfilePlan.Setting] {
        var entries = [
            ProfilePlan.Setting(key: "sso_session", value: session),
            ProfilePlan.Setting(key: "sso_account_id", value: accountID),
            ProfilePlan.Setting(key: "sso_role_name", value: roleName),
        ]
        if let region { entries.append(ProfilePlan.Setting(key: "region", value: region)) }
        if let outputFormat { entries.append(ProfilePlan.Setting(key: "output", value: outputFormat)) }
        entries.append(ProfilePlan.Setting(key: Self.markerKey, value: "true"))
        return entries
    }

    /// The template's name, or with the account ID, or with `-2`, `-3`…: the first one not taken.
    func uniqueName(account: PortalAccount, roleName: String, taken: Set<String>) -> String {
        let base = ProfileNameSanitizer.sanitize(
            template.render(account: account, roleName: roleName, session: session))
        if !taken.contains(base) { return base }
        var stem = base
        if !template.uses(.accountID) {
            stem = base + "-" + account.accountID
            if !taken.contains(stem) { return stem }
        }
        var counter = 2
        while taken.contains("\(stem)-\(counter)") { counter += 1 }
        return "\(stem)-\(counter)"
    }
}
