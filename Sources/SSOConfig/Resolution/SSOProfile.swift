public import Foundation

/// A profile that uses SSO, resolved and validated with the AWS CLI's rules: both config forms
/// (an `sso_session` reference or legacy keys in the profile) end up in this one shape.
///
/// A value with its fields in one shared, immutable storage (a change makes a new one): commands over 10,000 profiles copy
/// each profile several times (selections, work items, reports), and a copy of the fields themselves
/// retains about ten strings and URLs where a copy of the storage retains one.
public struct SSOProfile: Sendable, Hashable {
    private var storage: Storage

    public init(
        name: String, session: SSOSessionSettings, accountID: String, roleName: String, region: String?,
        output: String?, endpoints: EndpointOverrides, file: URL, line: Int
    ) {
        storage = Storage(
            Fields(
                name: name, session: session, accountID: accountID, roleName: roleName, region: region,
                output: output, endpoints: endpoints, file: file, line: line))
    }

    public var name: String {
        get { storage.fields.name }
        set { update { $0.name = newValue } }
    }
    public var session: SSOSessionSettings {
        get { storage.fields.session }
        set { update { $0.session = newValue } }
    }
    public var accountID: String {
        get { storage.fields.accountID }
        set { update { $0.accountID = newValue } }
    }
    public var roleName: String {
        get { storage.fields.roleName }
        set { update { $0.roleName = newValue } }
    }
    /// The profile's `region` (where the role's API calls go), not the SSO region.
    public var region: String? {
        get { storage.fields.region }
        set { update { $0.region = newValue } }
    }
    public var output: String? {
        get { storage.fields.output }
        set { update { $0.output = newValue } }
    }
    public var endpoints: EndpointOverrides {
        get { storage.fields.endpoints }
        set { update { $0.endpoints = newValue } }
    }
    /// The config file and the line of the profile's header.
    public var file: URL {
        get { storage.fields.file }
        set { update { $0.file = newValue } }
    }
    public var line: Int {
        get { storage.fields.line }
        set { update { $0.line = newValue } }
    }

    public static func == (lhs: SSOProfile, rhs: SSOProfile) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
    }

    /// Changes a field: a new storage with it (fields are rarely changed after resolution).
    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    /// The fields, compared and hashed as the value's.
    private struct Fields: Sendable, Hashable {
        var name: String
        var session: SSOSessionSettings
        var accountID: String
        var roleName: String
        var region: String?
        var output: String?
        var endpoints: EndpointOverrides
        var file: URL
        var line: Int
    }

    /// The shared storage, never changed once made.
    private final class Storage: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }
}
