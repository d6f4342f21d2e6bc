import Foundation

/// The keep-alive agent's timing decisions, with no I/O: when a token or credentials are next due,
/// when a failed item is tried again, whether a session's end is worth a warning, and how long to
/// sleep. ``KeepAliveAgent`` asks it at every pass with the injected clock's `now`, so a wake-up or a
/// clock jump is simply a different `now`. Event-driven (file changes and clock changes reported), it
/// sleeps until the next deadline however far; otherwise at most `AgentOptions.recheck`.
struct RenewalSchedule: Sendable, Equatable {
    let options: AgentOptions
    /// The token margins, already widened by the agent's lead.
    let tokenMargins: ExpiryMargins
    /// The credential margins, already widened by the agent's lead.
    let credentialMargins: ExpiryMargins
    /// Whether config edits, logouts and clock changes wake the agent, so no periodic re-check is needed.
    var eventDriven = false

    /// When a token expiring at `expiresAt` enters its (widened) refresh window.
    func tokenDue(expiresAt: Date) -> Date {
        expiresAt.addingTimeInterval(-tokenMargins.refresh.seconds)
    }

    /// When credentials expiring at `expiration` enter their (widened) refresh window.
    func credentialsDue(expiration: Date) -> Date {
        expiration.addingTimeInterval(-credentialMargins.refresh.seconds)
    }

    /// Whether a client registration ending at `ending` ends within the warning time of `now`.
    func sessionEndingSoon(_ ending: Date, now: Date) -> Bool {
        ending.timeIntervalSince(now) < options.warnAhead.seconds
    }

    /// When to try again after `failures` failures in a row (1-based), and the wait until then.
    func retry(failures: Int, now: Date) -> (at: Date, wait: Duration) {
        let wait = options.backoff(failures: failures)
        return (now.addingTimeInterval(wait.seconds), wait)
    }

    /// When a warning that a client registration ending at `ending` ends soon becomes due.
    func warningDue(_ ending: Date) -> Date {
        ending.addingTimeInterval(-options.warnAhead.seconds)
    }

    /// The latest next check after `now`: the re-check time, or none when events wake the agent.
    func nextCheck(now: Date) -> Date {
        eventDriven ? .distantFuture : now.addingTimeInterval(options.recheck.seconds)
    }

    /// The wall-clock time of the next pass, for a deadline `next` (see ``sleep(until:now:)``).
    func wakeTime(for next: Date, now: Date) -> Date {
        next == .distantFuture ? next : now.addingTimeInterval(sleep(until: next, now: now).seconds)
    }

    /// How long to sleep before the next pass, given its deadline `next`. A deadline already past right
    /// after a renewal means a lifetime shorter than the margins: wait for the usual re-check rather
    /// than renew in a loop; a deadline ahead is slept to, but never less than a second (or the
    /// re-check time, when that is shorter).
    func sleep(until next: Date, now: Date) -> Duration {
        let remaining = next.timeIntervalSince(now)
        let wait = remaining > 0 ? max(remaining, min(1, options.recheck.seconds)) : options.recheck.seconds
        return .milliseconds(Int64(wait * 1000))
    }
}
