public import SSOWire

/// How a `SessionDirectory` and its actors behave: transport, time, login policy, margins, throttling.
/// Built once by the command line from its flags; tests build it to point at the emulator.
public struct SessionOptions: Sendable {
    /// The HTTP seam every client uses; ``withSessionDirectory(environment:config:options:isolation:_:)``
    /// builds it from ``network``.
    public var transport: any HTTPTransport
    /// The request deadline and the profiles whose CA bundle a scoped directory's transport trusts.
    public var network = NetworkOptions()
    /// "Now" for every expiry decision.
    public var clock: WallClock = .system
    /// Whether an interactive login may be started.
    public var loginPolicy: LoginPolicy = .interactive
    /// Use the device code flow even where the authorization code flow is the default.
    public var useDeviceCode = false
    /// Print URLs instead of opening a browser.
    public var noBrowser = false
    /// Shows login prompts to the person (or to a test).
    public var presenter: any LoginPresenter
    /// How long an interactive login may take.
    public var loginTimeout: Duration = .seconds(600)
    /// How long to wait for another process's login before giving up.
    public var lockTimeout: Duration = .seconds(900)
    public var tokenMargins: ExpiryMargins = .token
    public var credentialMargins: ExpiryMargins = .roleCredentials
    public var registrationMargin: Duration = ExpiryMargins.registration.refresh
    /// Retries of OIDC calls (refresh, registration).
    public var retry = RetryPolicy()
    /// Retries of GetRoleCredentials: throttling is expected at scale, so it may retry for longer.
    public var credentialRetry = CredentialRetryPolicy()
    /// The adaptive limiter's settings for GetRoleCredentials.
    public var limiter = AdaptiveLimiter.Configuration()
    /// The limiter's settings for STS AssumeRole (a budget of its own, starting at its maximum).
    public var stsLimiter = AdaptiveLimiter.Configuration.sts
    /// Asks the person for the current code of an MFA device (by its serial); nil: never ask, and
    /// fail with `SessionError.mfaCodeRequired`.
    public var mfaPrompter: (@Sendable (String) async throws -> String)?
    /// The command, as messages that tell what to run name it (`credential-process`).
    public var commandName = "multisso"
    /// Receives progress events (throttling, retries) from the actors.
    public var events: ProgressSink = .none

    public init(transport: any HTTPTransport, presenter: any LoginPresenter) {
        self.transport = transport
        self.presenter = presenter
    }

    /// Options for ``withSessionDirectory(environment:config:options:isolation:_:)``, which supplies the transport.
    public init(presenter: any LoginPresenter) {
        self.init(transport: UnscopedTransport(), presenter: presenter)
    }
}

/// How GetRoleCredentials is retried: throttling (429) gets many patient attempts, paced by the
/// limiter and `Retry-After`; server errors and dropped connections a few attempts with jittered backoff.
public struct CredentialRetryPolicy: Sendable, Equatable {
    public var maxThrottledAttempts = 40
    public var maxFailedAttempts = 6
    public var baseDelay: Duration = .milliseconds(100)
    public var maxDelay: Duration = .seconds(10)

    public init() {}

    /// The ceiling of the backoff before the `attempt`-th retry (1-based): `baseDelay` doubled per
    /// attempt, at most `maxDelay`.
    func backoffCap(attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 16)
        return .milliseconds(Int64(min(maxDelay.seconds, baseDelay.seconds * Double(1 << exponent)) * 1000))
    }

    /// Full jitter: a delay drawn uniformly from `0...cap`.
    static func jittered(_ cap: Duration) -> Duration {
        .milliseconds(Int64(Double.random(in: 0...cap.seconds) * 1000))
    }
}
