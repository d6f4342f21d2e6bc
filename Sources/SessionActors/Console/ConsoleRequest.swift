public import Foundation
public import SSOConfig
public import SSOWire

/// What `multisso console` asks for, checked once before anything is fetched: how to sign in
/// (federation or a portal shortcut link), where the console opens, and how long its session lasts.
public struct ConsoleRequest: Sendable, Hashable {
    /// How the browser is signed in.
    public enum Via: String, Sendable, CaseIterable {
        /// A sign-in token from the federation endpoint, made from the profile's credentials.
        case federation
        /// The access portal's shortcut link: no credential in the URL; the browser's IdP session signs in.
        case portal
    }

    /// Above this many profiles, opening browsers needs a confirmation (a terminal) or `--yes`.
    public static let confirmationThreshold = 10

    public var via: Via
    public var service: String?
    public var destination: URL?
    public var region: String?
    /// `SessionDuration` in seconds, for credentials that accept it.
    public var sessionDuration: Int?

    /// Checks the flags.
    /// - Throws: ``ConsoleError`` naming the flag that is wrong.
    public init(
        via: Via = .federation, service: String? = nil, destination: String? = nil, region: String? = nil,
        duration: String? = nil
    ) throws(ConsoleError) {
        self.via = via
        if let service, !ConsolePartition.isValidName(service) { throw .invalidService(service) }
        self.service = service
        if let region, !ConsolePartition.isValidName(region) {
            throw .invalidRegion(region: region, source: "--region")
        }
        self.region = region
        if let destination {
            guard let url = URL(string: destination), url.scheme?.lowercased() == "https", url.host != nil else {
                throw .invalidDestination(destination)
            }
            self.destination = url
        }
        self.sessionDuration = try duration.map { text throws(ConsoleError) in try Self.seconds(text) }
    }

    /// A session length: whole seconds, or a number with `s`, `m` or `h`; 900 to 43200 seconds.
    public static func seconds(_ text: String) throws(ConsoleError) -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        var digits = Substring(text)
        var unit = 1
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 6, let value = Int(digits),
            FederationClient.sessionDurations.contains(value * unit)
        else { throw .invalidDuration(text) }
        return value * unit
    }

    /// The partition a profile signs in to: that of `--region`, else the profile's `region`, else its SSO region.
    public func partition(for profile: SSOProfile) -> ConsolePartition {
        partition(for: .sso(profile))
    }

    /// The partition a profile (SSO or role chain) signs in to: that of `--region`, else the profile's
    /// `region`, else its SSO region (a chain: the region its STS calls are signed for).
    public func partition(for profile: ProfileCredentials) -> ConsolePartition {
        ConsolePartition(region: region ?? profile.region ?? profile.fallbackRegion)
    }

    /// The console page a profile opens at: `--destination` (checked against the profile's partition),
    /// else the `--service` page or the console home, in `--region` or the profile's region.
    /// - Throws: ``ConsoleError/destinationNotConsole(destination:profile:consoleHost:)`` or
    ///   ``ConsoleError/invalidRegion(region:source:)`` for a profile region that cannot be used.
    public func destination(for profile: SSOProfile) throws(ConsoleError) -> URL {
        try destination(for: .sso(profile))
    }

    /// The console page a profile (SSO or role chain) opens at; see ``destination(for:)-(SSOProfile)``.
    public func destination(for profile: ProfileCredentials) throws(ConsoleError) -> URL {
        let partition = partition(for: profile)
        if let destination {
            guard partition.isConsoleURL(destination) else {
                throw .destinationNotConsole(
                    destination: destination.absoluteString, profile: profile.name, consoleHost: partition.consoleHost)
            }
            return destination
        }
        let region = region ?? profile.region
        if let region, !ConsolePartition.isValidName(region) {
            throw .invalidRegion(region: region, source: "\(profile.file), profile \(profile.name)")
        }
        return partition.consoleURL(service: service, region: region)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
