// TEMPORARY: a copy of the contract's SSOSessionSettings until the SSOConfig helper's version is
// merged. Delete this file at merge; SSOConfig's type (re-exported by Exports.swift) replaces it.

/// The settings of one portal login: an [sso-session] section, or the legacy keys of a profile.
public struct SSOSessionSettings: Sendable, Hashable {
    public var name: String?
    public var startURL: String
    public var region: String
    public var registrationScopes: [String]?
    public var useDeviceCode: Bool

    public init(name: String?, startURL: String, region: String, registrationScopes: [String]?, useDeviceCode: Bool) {
        self.name = name
        self.startURL = startURL
        self.region = region
        self.registrationScopes = registrationScopes
        self.useDeviceCode = useDeviceCode
    }
}
