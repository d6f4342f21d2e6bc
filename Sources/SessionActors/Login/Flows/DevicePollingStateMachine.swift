/// The decisions of the device code polling loop (CreateToken with the device code until the person
/// approves, RFC 8628 §3.4-3.5), without I/O:
/// `AuthorizationPending` waits `interval`, `SlowDown` adds 5 s to it for good, `ExpiredToken`
/// ends the login, and anything else aborts it.
public struct DevicePollingStateMachine: Sendable, Equatable {
    /// The interval when StartDeviceAuthorization gives none.
    public static let defaultInterval: Duration = .seconds(5)
    /// What each `SlowDown` adds.
    public static let slowDownIncrement: Duration = .seconds(5)

    /// The current wait between attempts.
    public private(set) var interval: Duration

    public enum Action: Sendable, Equatable {
        /// Wait this long, then poll again.
        case pollAgain(after: Duration)
        /// The device code expired: stop and tell the user to log in again.
        case expired
        /// A different error: stop and report it.
        case abort
    }

    /// - Parameter interval: `interval` from StartDeviceAuthorization in seconds (nil or < 1 → 5 s).
    public init(interval: Int?) {
        if let interval, interval > 0 {
            self.interval = .seconds(interval)
        } else {
            self.interval = Self.defaultInterval
        }
    }

    /// What to do after a failed CreateToken attempt with this error code.
    public mutating func next(afterErrorCode code: String) -> Action {
        switch code {
        case "AuthorizationPendingException":
            return .pollAgain(after: interval)
        case "SlowDownException":
            interval += Self.slowDownIncrement
            return .pollAgain(after: interval)
        case "ExpiredTokenException":
            return .expired
        default:
            return .abort
        }
    }
}
