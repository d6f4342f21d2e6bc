public import Foundation

/// Everything multisso would otherwise read from the process: HOME, the config file, the cache folders
/// and the environment variables. Passed in as one value so that nothing in the library touches
/// process-wide state and tests can run side by side, each with its own sandbox HOME.
public struct AWSEnvironment: Sendable, Hashable {
    /// Names of the environment variables multisso reads, spelled once.
    public enum Variable {
        public static let home = "HOME"
        public static let configFile = "AWS_CONFIG_FILE"
        public static let sharedCredentialsFile = "AWS_SHARED_CREDENTIALS_FILE"
        public static let profile = "AWS_PROFILE"
        public static let defaultProfile = "AWS_DEFAULT_PROFILE"
        public static let region = "AWS_REGION"
        public static let defaultRegion = "AWS_DEFAULT_REGION"
        public static let endpointURL = "AWS_ENDPOINT_URL"
        public static let endpointURLSSO = "AWS_ENDPOINT_URL_SSO"
        public static let endpointURLSSOOIDC = "AWS_ENDPOINT_URL_SSO_OIDC"
        public static let ignoreConfiguredEndpointURLs = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"
        public static let browser = "BROWSER"
    }

    /// The home folder: `~` in every default path.
    public var home: URL
    /// The config file (`AWS_CONFIG_FILE`, default `~/.aws/config`).
    public var configFile: URL
    /// The SSO token and client registration cache (`~/.aws/sso/cache`; not configurable in the AWS CLI).
    public var ssoCacheDirectory: URL
    /// The AWS CLI's role credential cache (`~/.aws/cli/cache`).
    public var cliCacheDirectory: URL
    /// The environment variables as the process saw them (or as a test set them).
    public var variables: [String: String]

    /// Builds the environment from variables alone, with the AWS CLI's defaults for every path.
    /// - Parameters:
    ///   - variables: the environment variables; `HOME` should be among them.
    ///   - fallbackHome: the home folder when `HOME` is unset or empty.
    public init(variables: [String: String], fallbackHome: URL = URL(fileURLWithPath: "/")) {
        let homePath = variables[Variable.home].flatMap { $0.isEmpty ? nil : $0 }
        let home = homePath.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? fallbackHome
        let configFile: URL
        if let path = variables[Variable.configFile], !path.isEmpty {
            configFile = URL(fileURLWithPath: Self.expandTilde(path, home: home))
        } else {
            configFile = home.appendingPathComponent(".aws/config")
        }
        self.init(
            home: home,
            configFile: configFile,
            ssoCacheDirectory: home.appendingPathComponent(".aws/sso/cache", isDirectory: true),
            cliCacheDirectory: home.appendingPathComponent(".aws/cli/cache", isDirectory: true),
            variables: variables
        )
    }

    /// Builds the environment with every path given explicitly.
    public init(home: URL, configFile: URL, ssoCacheDirectory: URL, cliCacheDirectory: URL, variables: [String: String])
    {
        self.home = home
        self.configFile = configFile
        self.ssoCacheDirectory = ssoCacheDirectory
        self.cliCacheDirectory = cliCacheDirectory
        self.variables = variables
    }

    /// The environment of the running process. Only the command-line entry point calls this.
    public static func current() -> AWSEnvironment {
        AWSEnvironment(variables: ProcessInfo.processInfo.environment)
    }

    /// A sandbox rooted at `home`, with no other variables: what tests use.
    public static func sandbox(home: URL, variables: [String: String] = [:]) -> AWSEnvironment {
        var merged = variables
        merged[Variable.home] = home.path
        return AWSEnvironment(variables: merged)
    }

    /// The value of a variable, or nil when it is unset or empty.
    public subscript(variable name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// The profile named by the environment, as the AWS CLI v2 picks it: `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`.
    public var selectedProfileName: String? {
        self[variable: Variable.profile] ?? self[variable: Variable.defaultProfile]
    }

    /// `path` with a leading `~` or `~/` replaced by ``home`` (Python's `os.path.expanduser` for the
    /// current user); other paths unchanged.
    public func expandingTilde(_ path: String) -> String {
        Self.expandTilde(path, home: home)
    }

    static func expandTilde(_ path: String, home: URL) -> String {
        if path == "~" { return home.path }
        if path.hasPrefix("~/") { return home.appendingPathComponent(String(path.dropFirst(2))).path }
        return path
    }
}
