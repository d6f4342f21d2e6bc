public import FileStore
public import Foundation
public import SSOConfig
public import SSOWire

/// `multisso doctor`: checks what goes wrong in real setups (profiles that do not resolve, endpoints or
/// proxies that cannot be reached, a skewed clock, cache folders with the wrong owner or mode,
/// `credential_process` lines that call multisso in a loop, an AWS CLI too old for `[sso-session]`,
/// sessions that share a start URL) and says how to fix each. Makes one request per distinct endpoint
/// and never logs in.
public struct Doctor: Sendable {
    public var environment: AWSEnvironment
    public var config: AWSConfigFile
    /// The proxies requests go through (from the environment, as botocore reads them).
    public var proxies: ProxySettings
    /// The deadline of each reachability request.
    public var timeout: Duration
    public var clock: WallClock
    /// A clock this far off the service's is a warning; five times this is an error.
    public var skewWarning: Duration = .seconds(60)
    /// The folder `aws` is looked up in; nil searches the environment's `PATH`.
    public var awsCLI: URL?

    public init(
        environment: AWSEnvironment, config: AWSConfigFile, proxies: ProxySettings, timeout: Duration,
        clock: WallClock = .system
    ) {
        self.environment = environment
        self.config = config
        self.proxies = proxies
        self.timeout = timeout
        self.clock = clock
    }

    /// Runs every check; the network checks run concurrently, one request per endpoint.
    public func run() async -> DoctorReport {
        let (profiles, resolution) = resolveProfiles()
        var findings = resolution
        findings += sharedStartURLs()
        findings += credentialProcessLoops()
        findings += await network(profiles)
        findings += cacheFolders()
        findings += await awsCLIVersion()
        return DoctorReport(findings: findings)
    }

    /// `file:line` of a line in the config file.
    func location(_ line: Int) -> String {
        "\(config.file.path):\(line)"
    }
}
