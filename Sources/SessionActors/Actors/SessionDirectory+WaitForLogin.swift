public import AWSFormats
import SSOCache
public import SSOConfig

extension SessionDirectory {
    /// A profile's credentials, as ``credentials(for:forceRefresh:)``; when a login is needed and the
    /// policy forbids one here, waits up to `wait` for another process to log in (its token appears in
    /// the shared cache), asking again every 250 ms and calling `whileWaiting` with the portal each time.
    /// - Throws: ``SessionError/loginRequired(portal:command:)`` once `wait` has passed; any other error at once.
    public func credentials(
        for profile: ProfileCredentials, waitingForLogin wait: Duration,
        whileWaiting: @Sendable (_ portal: String) -> Void = { _ in }
    ) async throws -> RoleCredentials {
        let deadline = ContinuousClock.now + wait
        while true {
            do {
                return try await credentials(for: profile)
            } catch SessionError.loginRequired(let portal, _) where ContinuousClock.now < deadline {
                whileWaiting(portal)
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }
}
