import AWSFormats
import Foundation
import SSOConfig
import SessionActors

/// The credentials of one profile as an answer: fresh ones from the directory's actors (renewed inside
/// the refresh window, never expired), the held ones while a renewal fails and the SDKs still accept
/// them, and after a failed renewal no new try until its backoff ends.
extension CredentialRouter {
    /// botocore's mandatory refresh window for container credentials: credentials with less time left
    /// are thrown away by the SDK at once, so a failed renewal serves the current ones only while more
    /// is left, and the renewal's error after that.
    static let sdkMandatoryRefresh: TimeInterval = 10 * 60

    /// The profile's credentials rendered by `render`, or the error the SDK shows. A 200 with credentials
    /// that were fresh when fetched carries their expiration (``ServerResponse/credentialsExpiration``).
    func credentials(for profile: ProfileCredentials, render: (RoleCredentials) -> String) async -> ServerResponse {
        let clock = directory.options.clock
        if await !renewals.mayRenew(profile.name, now: clock.now()), let held = await servable(profile) {
            return ServerResponse(status: 200, body: render(held))
        }
        do {
            var credentials = try await directory.credentials(for: profile)
            if credentials.expiration <= clock.now() {
                credentials = try await directory.credentials(for: profile, forceRefresh: true)
            }
            guard credentials.expiration > clock.now() else {
                return .error(
                    503, code: "CredentialsExpired",
                    message:
                        "profile \(profile.name): the portal handed out credentials that have already expired; check the machine's clock"
                )
            }
            await renewals.succeeded(profile.name)
            var response = ServerResponse(status: 200, body: render(credentials))
            response.credentialsExpiration = credentials.expiration
            return response
        } catch {
            configuration.log?("profile \(profile.name): \(error)")
            await renewals.failed(profile.name, now: clock.now())
            if let held = await servable(profile) {
                configuration.log?(
                    "profile \(profile.name): the renewal failed; serving the current credentials until "
                        + "\(Int(Self.sdkMandatoryRefresh / 60)) minutes before they expire")
                return ServerResponse(status: 200, body: render(held))
            }
            return ServerFailure.response(for: error)
        }
    }

    /// The held credentials while an SDK still accepts them (more than its mandatory window left).
    private func servable(_ profile: ProfileCredentials) async -> RoleCredentials? {
        guard let held = await directory.cachedCredentials(for: profile),
            held.expiration.timeIntervalSince(directory.options.clock.now()) > Self.sdkMandatoryRefresh
        else { return nil }
        return held
    }
}
