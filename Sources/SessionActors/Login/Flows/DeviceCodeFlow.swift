public import Foundation
public import SSOConfig
public import SSOWire

/// The device authorization login (RFC 8628, as the AWS CLI v2 runs it): StartDeviceAuthorization, one
/// immediate CreateToken before prompting, then the prompt (user code and start URL always shown)
/// and polling until approval, expiry or an error. Used for legacy profiles and `--use-device-code`.
public enum DeviceCodeFlow {
    /// Extra time past `expiresIn` before the client gives up on a server that never says expired.
    public static let deadlineMargin: Duration = .seconds(15)

    /// The RegisterClient arguments for this flow, as the AWS CLI sends them: no grant types, no
    /// redirect URIs, scopes only when configured.
    public static func registrationRequest(for session: SSOSessionSettings, now: Date) -> (
        name: String, scopes: [String]?
    ) {
        let suffix = session.name ?? String(Int(now.timeIntervalSince1970))
        let scopes = session.registrationScopes.flatMap { $0.isEmpty ? nil : $0 }
        return (name: "botocore-client-\(suffix)", scopes: scopes)
    }

    /// Runs the login and returns the token grant.
    /// - Throws: ``LoginError`` (expiry, service errors, cancellation).
    public static func run(_ context: LoginFlowContext, registration: ClientRegistration) async throws -> TokenGrant {
        if registration.grantTypes?.contains("authorization_code") == true {
            throw LoginError.registrationNotForFlow(sessionLabel: context.sessionLabel, flow: "device code")
        }
        return try await run(context, registration: registration, clock: context.clock)
    }

    private static func run<C: Clock<Duration>>(
        _ context: LoginFlowContext, registration: ClientRegistration, clock: C
    ) async throws(LoginError) -> TokenGrant {
        let label = context.sessionLabel
        let authorization: DeviceAuthorization
        do {
            authorization = try await context.retry.run { () async throws(WireError) in
                try await context.oidc.startDeviceAuthorization(
                    clientID: registration.clientID, clientSecret: registration.clientSecret,
                    startURL: context.session.startURL)
            }
        } catch {
            throw failure(error, label: label)
        }
        let deadline = clock.now.advanced(
            by: min(.seconds(max(0, authorization.expiresIn)) + deadlineMargin, context.timeout))
        var machine = DevicePollingStateMachine(interval: authorization.interval)
        let attempt = { () async throws(WireError) -> TokenGrant in
            try await pollingRetry(context.retry).run { () async throws(WireError) in
                try await context.oidc.createToken(
                    clientID: registration.clientID, clientSecret: registration.clientSecret,
                    grant: .deviceCode(authorization.deviceCode))
            }
        }
        // The pre-check is the first poll (a pre-approved client gets its token before any prompt);
        // every later poll waits the interval after the one before, as RFC 8628 §3.5 requires.
        var wait: Duration = .zero
        do {
            return try await attempt()
        } catch {
            switch machine.next(afterErrorCode: error.code) {
            case .pollAgain(let after): wait = after
            case .expired: throw .authorizationExpired(sessionLabel: label)
            case .abort: throw failure(error, label: label)
            }
        }
        await prompt(authorization, context)
        while true {
            if wait > .zero {
                do { try await clock.sleep(for: wait) } catch { throw .cancelled }
            }
            guard clock.now < deadline else { throw .authorizationExpired(sessionLabel: label) }
            do {
                return try await attempt()
            } catch {
                switch machine.next(afterErrorCode: error.code) {
                case .pollAgain(let after): wait = after
                case .expired: throw .authorizationExpired(sessionLabel: label)
                case .abort: throw failure(error, label: label)
                }
            }
        }
    }

    private static func prompt(_ authorization: DeviceAuthorization, _ context: LoginFlowContext) async {
        let target = authorization.verificationURIComplete ?? authorization.verificationURI
        var opened = false
        if let url = URL(string: target), case .opened = await BrowserLaunch.attempt(url, with: context.browser) {
            opened = true
        }
        await context.presenter.present(
            .deviceCode(
                sessionLabel: context.sessionLabel, startURL: context.session.startURL,
                verificationURI: authorization.verificationURI, userCode: authorization.userCode,
                verificationURIComplete: authorization.verificationURIComplete, browserOpened: opened))
        await context.presenter.present(.waiting(sessionLabel: context.sessionLabel))
    }

    /// The flow's retry policy minus SlowDown, which the polling loop handles itself.
    private static func pollingRetry(_ base: RetryPolicy) -> RetryPolicy {
        var policy = base
        let shouldRetry = base.shouldRetry
        policy.shouldRetry = { shouldRetry($0) && $0.code != "SlowDownException" }
        return policy
    }

    private static func failure(_ error: WireError, label: String) -> LoginError {
        if case .cancelled = error { return .cancelled }
        return .service(sessionLabel: label, error)
    }
}
