/// Why the keep-alive agent woke up for a pass: everything is decided again at each pass, so the
/// reason is for the log and the tests; bursts of wake-ups coalesce into one pending pass.
public enum AgentWake: Sendable, Equatable, CustomStringConvertible {
    /// The next deadline (a renewal, a warning, a retry, or the periodic re-check where there are no events).
    case due
    /// The config file or the token cache changed (an edit, a login or a logout in another process).
    case filesChanged
    /// The wall clock was set, or the machine woke from suspend: every deadline is decided again.
    case clockSet

    public var description: String {
        switch self {
        case .due: "a deadline"
        case .filesChanged: "the config file or the token cache changed"
        case .clockSet: "the wall clock was set (or the machine woke up)"
        }
    }
}
