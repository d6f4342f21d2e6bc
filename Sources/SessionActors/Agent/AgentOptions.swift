/// How the keep-alive agent paces itself: how far ahead of the SDKs' refresh windows it renews, how long
/// it may sleep before re-checking where no events tell it of a clock jump, a config edit or a logout
/// elsewhere, how early it warns that a portal's session is ending, and how it backs off when the
/// network is gone.
public struct AgentOptions: Sendable, Equatable {
    /// Renew this long before a token or credentials enter their refresh window, so that the AWS CLI
    /// and the SDKs never find one inside it.
    public var lead: Duration = .seconds(5 * 60)
    /// The longest sleep between two checks where file and clock events are not available (macOS, a
    /// manual clock); everywhere, the wait after a deadline found already past right after a pass.
    public var recheck: Duration = .seconds(60)
    /// Warn this long before a portal's client registration (and so its refresh token) ends.
    public var warnAhead: Duration = .seconds(3 * 24 * 3600)
    /// Backoff after a failure: doubled from `backoffBase` up to `backoffMax`.
    public var backoffBase: Duration = .seconds(5)
    public var backoffMax: Duration = .seconds(5 * 60)

    public init() {}

    /// The wait after `failures` failures in a row (1-based).
    func backoff(failures: Int) -> Duration {
        let factor = Double(1 << min(max(failures - 1, 0), 16))
        return .milliseconds(Int64(min(backoffMax.seconds, backoffBase.seconds * factor) * 1000))
    }
}
