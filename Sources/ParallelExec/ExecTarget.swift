public import AWSFormats
import Foundation

/// One profile to run a command for: who it is (for labels and placeholders) and the role
/// credentials that go into the child's environment. The command line maps the core's credential
/// type onto this value, so `Exec/` depends on nothing but itself.
public struct ExecTarget: Sendable, Hashable, CustomStringConvertible {
    /// The profile name as configured (`[profile NAME]`); labels output and fills `{profile}`.
    public var profile: String
    /// The 12-digit AWS account ID; fills `{account_id}` and `AWS_ACCOUNT_ID`.
    public var accountID: String
    /// The permission set (role) name; fills `{role}`.
    public var roleName: String
    /// The profile's `region`, if any; fills `{region}`, `AWS_REGION` and `AWS_DEFAULT_REGION`.
    public var region: String?
    /// The role credentials the child receives in its environment (never in its arguments).
    public var credentials: RoleCredentials
    /// When set, the child gets this credential server endpoint instead of `credentials` (`exec --server`).
    public var server: ContainerCredentialsEndpoint?

    /// Creates a target from its parts.
    public init(
        profile: String, accountID: String, roleName: String, region: String?, credentials: RoleCredentials,
        server: ContainerCredentialsEndpoint? = nil
    ) {
        self.profile = profile
        self.accountID = accountID
        self.roleName = roleName
        self.region = region
        self.credentials = credentials
        self.server = server
    }

    /// A description without secrets.
    public var description: String {
        "ExecTarget(profile: \(profile), account: \(accountID), role: \(roleName), region: \(region ?? "-"), "
            + "credentials: \(credentials))"
    }
}
