public import Foundation
import Synchronization

/// A wall clock that moves only when told: tests run the actors (and the emulator, through
/// `withEmulator(clock:)`) on it and advance hours or days without sleeping.
public final class ManualWallClock: Sendable {
    private let current: Mutex<Date>

    /// A clock standing at `start` (the system's time by default).
    public init(start: Date = Date()) {
        current = Mutex(start)
    }

    /// The time it shows.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// This clock as the actors' time source.
    public var clock: WallClock {
        WallClock { [self] in now() }
    }

    /// Moves the clock forward (or back, with a negative duration).
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.addingTimeInterval(duration.seconds) }
    }
}
