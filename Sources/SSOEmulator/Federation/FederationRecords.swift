import Foundation

/// Where credentials the emulator issued came from: the console sign-in rules differ by origin
/// (`SessionDuration` is refused for credentials from role chaining, as AWS refuses it).
public enum CredentialOrigin: String, Sendable, Codable {
    /// GetRoleCredentials of the portal (IAM Identity Center role credentials).
    case roleCredentials = "sso"
    /// An STS AssumeRole made with other temporary credentials (role chaining).
    case roleChaining = "role-chaining"
}

/// One set of temporary credentials the emulator handed out, kept so that the federation endpoint
/// can accept exactly those (and only while they are valid).
struct IssuedCredential: Sendable {
    var accessKeyID: String
    var secretAccessKey: String
    var sessionToken: String
    var portalName: String
    var accountID: String
    var roleName: String
    var expiresAt: Date
    var origin: CredentialOrigin
}

/// A sign-in token from `getSigninToken`: single use, short-lived, bound to the credential's identity.
struct SigninTokenRecord: Sendable {
    var credential: IssuedCredential
    var expiresAt: Date
    var sessionDuration: Int?
    var used = false
}

/// A console session the emulator opened (`Action=login`, or a portal shortcut link followed):
/// which identity it signed in and where it sent the browser. `GET /_admin/console-logins` lists them.
public struct ConsoleLogin: Sendable, Codable, Equatable {
    /// `PORTAL/ACCOUNT_ID/ROLE_NAME`: the identity the console session belongs to.
    public var identity: String
    public var portal: String
    public var accountId: String
    public var roleName: String
    /// `federation` (a sign-in token) or `portal` (a shortcut link).
    public var via: String
    /// The origin of the credentials behind a federation login (`sso`, `role-chaining`); nil for portal links.
    public var origin: CredentialOrigin?
    public var destination: String
    public var issuer: String?
    /// The console session's length in seconds, when `SessionDuration` was given.
    public var sessionDuration: Int?
}
