public import Foundation
public import SSOConfig
public import SSOWire

/// Everything a login flow needs, passed in so the flows hold no global state and tests can
/// substitute the presenter, the browser and the clock.
public struct LoginFlowContext: Sendable {
    public var session: SSOSessionSettings
    /// How prompts and errors name the login, e.g. `sso-session corp` or the start URL.
    public var sessionLabel: String
    public var oidc: OIDCClient
    /// The OIDC endpoint (override applied); the authorize URL uses its scheme, host and port.
    public var oidcEndpoint: URL
    public var presenter: any LoginPresenter
    public var browser: BrowserOpener
    /// The longest a flow waits for the user (the browser redirect, or the device code approval).
    public var timeout: Duration
    /// Retries of the OIDC calls on throttling, 5xx and dropped connections.
    public var retry: RetryPolicy
    /// The clock the device flow sleeps on and measures its deadline with.
    public var clock: any Clock<Duration>

    public init(
        session: SSOSessionSettings,
        sessionLabel: String,
        oidc: OIDCClient,
        oidcEndpoint: URL,
        presenter: any LoginPresenter,
        browser: BrowserOpener,
        timeout: Duration = .seconds(600),
        retry: RetryPolicy = RetryPolicy(maxAttempts: 3),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.session = session
        self.sessionLabel = sessionLabel
        self.oidc = oidc
        self.oidcEndpoint = oidcEndpoint
        self.presenter = presenter
        self.browser = browser
        self.timeout = timeout
        self.retry = retry
        self.clock = clock
    }
}
