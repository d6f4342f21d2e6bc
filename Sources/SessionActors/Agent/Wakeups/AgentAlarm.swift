import Foundation

/// The agent's timer between passes: armed with the wall-clock time of the next pass, it reports
/// ``AgentWake/due`` then (and, where it can tell, ``AgentWake/clockSet`` when the wall clock is set).
protocol AgentAlarm: Sendable {
    /// Whether it wakes at a wall-clock time even across a suspend and on a clock change, so the agent
    /// need not re-check periodically for those.
    var followsWallClock: Bool { get }
    /// Replaces any earlier arming: report `.due` at `deadline` (`now` is the injected clock's time).
    func arm(at deadline: Date, now: Date) async
}

/// What a read of the timerfd means: the deadline came, the wall clock was set, or nothing (a re-arm
/// raced the read).
enum AlarmReading: Equatable {
    case due
    case clockSet
    case nothing

    /// From the result of `read` on the timerfd and `errno` after it.
    init(readResult: Int, errorNumber: Int32) {
        if readResult > 0 {
            self = .due
        } else if readResult < 0 && errorNumber == ECANCELED {
            self = .clockSet
        } else {
            self = .nothing
        }
    }

    var wake: AgentWake? {
        switch self {
        case .due: .due
        case .clockSet: .clockSet
        case .nothing: nil
        }
    }
}
