import AWSFormats
public import Foundation

/// What the keep-alive agent reports, for the command to log and notify; never carries a secret.
public enum AgentEvent: Sendable, CustomStringConvertible {
    /// The watched profiles, after a start or a config edit.
    case watching(profiles: Int, portals: Int)
    /// A portal's token was renewed (with its refresh token, no browser).
    case tokenRenewed(portal: String, expiresAt: Date)
    /// A profile's role credentials were renewed in the AWS CLI's cache.
    case credentialsRenewed(profile: String, expiration: Date)
    /// A portal needs a person: logged out elsewhere, or its refresh token is gone. Its profiles wait.
    case loginNeeded(portal: String, command: String)
    /// A portal's client registration, and with it the refresh token, ends soon: log in before then.
    case sessionEnding(portal: String, at: Date, command: String)
    /// A renewal failed (network, service); tried again after `retryIn`.
    case failed(item: String, reason: String, retryIn: Duration)
    /// The config file changed and was read again.
    case configReloaded
    /// The config file changed but cannot be used; the previous one is kept until it changes again.
    case configUnreadable(file: String, reason: String)
    /// How the agent is woken: by events (config edits, logouts and clock changes noticed as they
    /// happen), or by also re-checking every `recheck` where those events are not available.
    case pacing(eventDriven: Bool, recheck: Duration)
    /// A pass starts, for this reason.
    case woke(AgentWake)
    /// A pass over every portal and profile ended; the next is due at `next` (wall clock) at the latest.
    case checked(next: Date)
    /// The wall clock moved by more than the monotonic clock over one sleep (a wake-up from suspend,
    /// or the clock set forward or back): every deadline is decided again at once.
    case clockJumped(wall: TimeInterval, monotonic: TimeInterval)

    /// Whether the event is routine (a pass over everything), for the log only with `-v`.
    public var isRoutine: Bool {
        switch self {
        case .checked, .woke: true
        default: false
        }
    }

    /// Whether a person should be told now (desktop notification), not only the log.
    public var needsAttention: Bool {
        switch self {
        case .loginNeeded, .sessionEnding: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .watching(let profiles, let portals):
            "keeping \(profiles) profiles of \(portals) portals fresh"
        case .tokenRenewed(let portal, let expiresAt):
            "\(portal): token renewed, valid until \(CacheTimestamp.format(expiresAt))"
        case .credentialsRenewed(let profile, let expiration):
            "\(profile): credentials renewed, valid until \(CacheTimestamp.format(expiration))"
        case .loginNeeded(let portal, let command):
            "\(portal): a login is needed (logged out, or the session ended); run `\(command)`"
        case .sessionEnding(let portal, let at, let command):
            "\(portal): the session ends at \(CacheTimestamp.format(at)) and cannot be renewed past it; run `\(command)` before then"
        case .failed(let item, let reason, let retryIn):
            "\(item): renewal failed (\(reason)); trying again in \(Int(retryIn.seconds)) s"
        case .configReloaded:
            "the config file changed; read it again"
        case .configUnreadable(let file, let reason):
            "\(file) changed but cannot be used (\(reason)); keeping the previous config until it is fixed"
        case .pacing(true, _):
            "noticing config edits, logins and logouts, and clock changes as they happen; asleep until the next deadline"
        case .pacing(false, let recheck):
            "no file or clock events here: re-checking every \(Int(recheck.seconds)) s"
        case .woke(let reason):
            "woke: \(reason)"
        case .checked(let next) where next == .distantFuture:
            "checked; nothing due until something changes"
        case .checked(let next):
            "checked; next deadline \(CacheTimestamp.format(next))"
        case .clockJumped(let wall, let monotonic):
            "the wall clock moved \(Int(wall)) s while \(Int(monotonic)) s passed (a wake-up or a clock change); "
                + "checking every deadline again"
        }
    }
}
