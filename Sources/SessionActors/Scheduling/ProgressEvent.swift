public import Foundation

/// What happened during a warm-up or an `exec`, as it happens; the command line renders these as a
/// live progress line on a terminal, plain log lines otherwise, or JSON.
public enum ProgressEvent: Sendable {
    /// A portal's login is about to be ensured for `profiles` profiles.
    case portalStarted(portal: String, profiles: Int)
    /// A portal has a usable token (reused, refreshed or from a login).
    case portalReady(portal: String)
    /// A portal could not log in; all its profiles fail with it.
    case portalFailed(portal: String, error: String)
    /// A profile has credentials (`fromCache` when no request was needed).
    case profileDone(profile: String, portal: String, fromCache: Bool, expiration: Date)
    /// A profile failed; the others carry on.
    case profileFailed(profile: String, portal: String, code: String, message: String)
    /// A GetRoleCredentials call was throttled (HTTP 429) and will be retried.
    case throttled(portal: String, retryAfter: Duration?)
    /// A call failed in a way worth retrying (5xx, dropped connection, timeout) and will be retried.
    case retrying(portal: String, attempt: Int, reason: String)
}

/// Where the actors send progress events; `none` drops them.
public struct ProgressSink: Sendable {
    private let handler: (@Sendable (ProgressEvent) -> Void)?

    public init(_ handler: @escaping @Sendable (ProgressEvent) -> Void) {
        self.handler = handler
    }

    private init() {
        handler = nil
    }

    /// Drops every event.
    public static let none = ProgressSink()

    /// Sends one event.
    public func send(_ event: ProgressEvent) {
        handler?(event)
    }
}
