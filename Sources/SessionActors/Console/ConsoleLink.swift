public import Foundation
public import SSOConfig

/// A URL that opens a profile's console session. A federation link carries a sign-in token (a bearer
/// secret valid for minutes): `description` never shows it.
public struct ConsoleLink: Sendable, CustomStringConvertible {
    public var profile: String
    public var accountID: String
    public var roleName: String
    public var via: ConsoleRequest.Via
    public var url: URL
    /// Something the person should know about this link (e.g. why `--duration` was not applied).
    public var note: String?

    public init(profile: SSOProfile, via: ConsoleRequest.Via, url: URL, note: String? = nil) {
        self.init(profile: .sso(profile), via: via, url: url, note: note)
    }

    public init(profile: ProfileCredentials, via: ConsoleRequest.Via, url: URL, note: String? = nil) {
        self.profile = profile.name
        accountID = profile.consoleAccountID
        roleName = profile.consoleRoleName
        self.via = via
        self.url = url
        self.note = note
    }

    public var description: String {
        "ConsoleLink(profile: \(profile), account: \(accountID), role: \(roleName), via: \(via.rawValue), url: <redacted>)"
    }
}

/// One profile's result of ``SessionDirectory/consoleLinks(for:request:)``.
public struct ConsoleOutcome: Sendable {
    public var profile: String
    public var result: Result<ConsoleLink, any Error>

    public init(profile: String, result: Result<ConsoleLink, any Error>) {
        self.profile = profile
        self.result = result
    }
}
