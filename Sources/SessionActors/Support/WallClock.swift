public import Foundation

/// The time source for every expiry decision, injected so that tests decide what "now" is.
///
/// Token and credential expiry times come from the caches as wall-clock dates, so this is a wall
/// clock rather than a `Clock`; sleeping (backoff, polling) still uses `Task.sleep`.
public struct WallClock: Sendable {
    private let read: @Sendable () -> Date
    /// Whether this is the system's clock, so a kernel timer on the wall clock agrees with it.
    let isSystem: Bool

    /// A clock that answers `read()` for "now".
    public init(_ read: @escaping @Sendable () -> Date) {
        self.read = read
        isSystem = false
    }

    private init(system read: @escaping @Sendable () -> Date) {
        self.read = read
        isSystem = true
    }

    /// The system's clock.
    public static let system = WallClock(system: { Date() })

    /// The current time.
    public func now() -> Date { read() }
}
