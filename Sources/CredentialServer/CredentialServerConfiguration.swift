import Foundation
public import SSOConfig
public import SessionActors

/// What a credential server serves and how it guards itself: the address, the token, the profiles a
/// caller may ask for, the optional IMDSv2 profile and the bounds on requests. How fresh the served
/// credentials are is the directory's `credentialMargins.refresh` (botocore refreshes container
/// credentials 15 minutes before they expire, the default).
public struct CredentialServerConfiguration: Sendable {
    /// The address to listen on: `127.0.0.1` unless ``allowNonLoopback`` is set.
    public var host: String = "127.0.0.1"
    /// The port; 0 picks a free one.
    public var port: Int = 0
    /// Listening on an address other than a loopback one must be asked for explicitly.
    public var allowNonLoopback = false
    /// The secret every container-credentials request carries in `Authorization`.
    public var token: ServerToken
    /// The profiles served, by name (resolved; a name outside this set gets 404).
    public var profiles: [String: ProfileCredentials]
    /// The profile served on the IMDSv2 paths, if any.
    public var imdsProfile: SSOProfile?
    /// The largest request head (request line and headers) and body accepted.
    public var maxHeadBytes = 8 * 1024
    public var maxBodyBytes = 1024
    /// Connections open at once; more are closed on arrival.
    public var maxConnections = 512
    /// A connection silent for this long is closed.
    public var idleTimeout: Duration = .seconds(30)
    /// Requests refused for a missing or wrong token, per second (with a burst of twice as many); beyond
    /// that they get 429 without being looked at.
    public var refusedPerSecond: Double = 200
    /// How soon a failed renewal of a profile's credentials is tried again while the held ones are
    /// still served (1 s, doubled per failure, at most a minute).
    public var renewalBackoff: CredentialRetryPolicy = .renewal
    /// Receives one line per request and per event, when set (`-v`); never given a secret. Without it
    /// the lines are not even built.
    public var log: (@Sendable (String) -> Void)?

    public init(token: ServerToken, profiles: [SSOProfile], imdsProfile: SSOProfile? = nil) {
        self.init(token: token, serving: profiles.map(ProfileCredentials.sso), imdsProfile: imdsProfile)
    }

    /// A server for SSO profiles and role chains alike.
    public init(token: ServerToken, serving profiles: [ProfileCredentials], imdsProfile: SSOProfile? = nil) {
        self.token = token
        self.profiles = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.imdsProfile = imdsProfile
    }
}
