public import Foundation

/// A profile that uses SSO, resolved and validated with the AWS CLI's rules: both config forms
/// (an `sso_session` reference or legacy keys in the profile) end up in this one shape.
public struct SSOProfile: Sendable, Hashable {
    public var name: String
    public var session: SSOSessionSettings
    public var accountID: String
    public var roleName: String
    /// The profile's `region` (where the role's API calls go), not the SSO region.
    public var region: String?
    public var output: String?
    public var endpoints: EndpointOverrides
    /// The config file and the line of the profile's header.
    public var file: URL
    public var line: Int

    public init(
        name: String, session: SSOSessionSettings, accountID: String, roleName: String, region: String?,
        output: String?, endpoints: EndpointOverrides, file: URL, line: Int
    ) {
        self.name = name
        self.session = session
        self.accountID = accountID
        self.roleName = roleName
        self.region = region
        self.output = output
        self.endpoints = endpoints
        self.file = file
        self.line = line
    }
}
