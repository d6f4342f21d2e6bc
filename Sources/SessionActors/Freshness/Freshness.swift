public import Foundation

/// Where an expiring value (a token, role credentials, a client registration) stands at one moment,
/// against its two margins: the one place that compares an expiry with the injected clock's `now`.
///
/// The comparisons are strict: with exactly `refresh` left a value is already due for renewal, and
/// with exactly `expired` left it is already gone (as `isUsable` always decided).
public enum Freshness: Sendable, Hashable {
    /// More than the refresh margin left: use it as it is.
    case fresh
    /// Inside the refresh window: renew it, but it may still be used if renewal fails.
    case refreshDue
    /// Inside the expired margin, or past its expiry: never hand it out.
    case expired

    /// The freshness of a value that expires at `expiresAt`, seen at `now`.
    public init(expiresAt: Date, now: Date, margins: ExpiryMargins) {
        let left = expiresAt.timeIntervalSince(now)
        if left > margins.refresh.seconds {
            self = .fresh
        } else if left > margins.expired.seconds {
            self = .refreshDue
        } else {
            self = .expired
        }
    }

    /// Whether the value may still be handed out (fresh, or inside the refresh window).
    public var isUsable: Bool { self != .expired }
}
