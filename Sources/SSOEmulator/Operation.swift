/// The operations the emulator serves, named as the counters and the rate limit name them.
enum Operation: String, Sendable, CaseIterable {
    case registerClient = "RegisterClient"
    case startDeviceAuthorization = "StartDeviceAuthorization"
    case createToken = "CreateToken"
    case authorize = "Authorize"
    case getRoleCredentials = "GetRoleCredentials"
    case listAccounts = "ListAccounts"
    case listAccountRoles = "ListAccountRoles"
    case logout = "Logout"
    case assumeRole = "AssumeRole"
    case getCallerIdentity = "GetCallerIdentity"
    case getSigninToken = "GetSigninToken"
    case consoleLogin = "ConsoleLogin"
    case portalShortcut = "PortalShortcut"
    case consolePage = "ConsolePage"

    var api: ServiceAPI {
        switch self {
        case .registerClient, .startDeviceAuthorization, .createToken: .oidc
        case .authorize, .portalShortcut, .consolePage: .browser
        case .getSigninToken, .consoleLogin: .federation
        case .getRoleCredentials, .listAccounts, .listAccountRoles, .logout: .portal
        case .assumeRole, .getCallerIdentity: .sts
        }
    }
}
