public import Foundation

/// What `status` shows, as a value: each portal's token and each profile's cached credentials with
/// time left, read from the caches without a network call. The command line renders it (a table or
/// JSON, whose keys these are).
public struct StatusReport: Sendable, Codable, Hashable {
    /// One login's token.
    public struct Portal: Sendable, Codable, Hashable {
        public var portal: String
        public var startURL: String
        public var region: String
        /// `valid`, `expired` or `logged out`.
        public var state: String
        public var expiresAt: Date?
        public var secondsLeft: Int?
        /// Whether the token can be renewed without a person: it has a refresh token and its client
        /// registration has not expired.
        public var refreshable: Bool

        enum CodingKeys: String, CodingKey {
            case portal
            case startURL = "startUrl"
            case region, state, expiresAt, secondsLeft, refreshable
        }
    }

    /// One profile's cached credentials.
    public struct Profile: Sendable, Codable, Hashable {
        public var profile: String
        public var portal: String
        public var accountID: String
        public var roleName: String
        /// `valid`, `expired` or `none`.
        public var state: String
        public var expiresAt: Date?
        public var secondsLeft: Int?
        /// For a role chain: `spoke ← hub (sso: corp)`, and each hop's time left, root first.
        public var chain: String?
        public var hops: [Hop]?

        enum CodingKeys: String, CodingKey {
            case profile, portal
            case accountID = "accountId"
            case roleName, state, expiresAt, secondsLeft, chain, hops
        }
    }

    /// One hop of a role chain.
    public struct Hop: Sendable, Codable, Hashable {
        public var profile: String
        public var roleArn: String
        public var secondsLeft: Int?
    }

    public var portals: [Portal] = []
    public var profiles: [Profile] = []

    public init(portals: [Portal] = [], profiles: [Profile] = []) {
        self.portals = portals
        self.profiles = profiles
    }

    /// How many profiles have valid cached credentials.
    public var validProfiles: Int { profiles.count { $0.state == "valid" } }

    static func state(_ expiry: Date?, now: Date, missing: String) -> String {
        guard let expiry else { return missing }
        return expiry > now ? "valid" : "expired"
    }

    static func secondsLeft(_ expiry: Date?, now: Date) -> Int? {
        expiry.map { max(0, Int($0.timeIntervalSince(now))) }
    }
}
