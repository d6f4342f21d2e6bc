public import Foundation

/// The AWS partition a console sign-in happens in: it decides the federation endpoint and the
/// console's host (`aws`: signin.aws.amazon.com and console.aws.amazon.com; `aws-us-gov`:
/// signin.amazonaws-us-gov.com and console.amazonaws-us-gov.com; `aws-cn`: signin.amazonaws.cn and
/// console.amazonaws.cn).
public enum ConsolePartition: String, Sendable, Hashable, CaseIterable {
    case aws
    case awsUSGov = "aws-us-gov"
    case awsCN = "aws-cn"

    /// The partition of a region: `us-gov-*` is GovCloud, `cn-*` China, anything else the commercial one.
    public init(region: String) {
        if region.hasPrefix("us-gov-") {
            self = .awsUSGov
        } else if region.hasPrefix("cn-") {
            self = .awsCN
        } else {
            self = .aws
        }
    }

    /// The federation endpoint (`getSigninToken` and `Action=login`).
    public var federationEndpoint: URL {
        URL(string: "https://\(signinHost)/federation") ?? URL(fileURLWithPath: "/")
    }

    public var signinHost: String {
        switch self {
        case .aws: "signin.aws.amazon.com"
        case .awsUSGov: "signin.amazonaws-us-gov.com"
        case .awsCN: "signin.amazonaws.cn"
        }
    }

    /// The console's host; regional hosts of the commercial console are `REGION.` followed by it.
    public var consoleHost: String {
        switch self {
        case .aws: "console.aws.amazon.com"
        case .awsUSGov: "console.amazonaws-us-gov.com"
        case .awsCN: "console.amazonaws.cn"
        }
    }

    /// The console page of a service (`s3`, `ec2`, …; the console home without one), in a region when given.
    /// - Precondition: `service` and `region` were checked with ``isValidName(_:)``.
    public func consoleURL(service: String?, region: String?) -> URL {
        let path = "/\(service ?? "console")/home"
        let query = region.map { "?region=\($0)" } ?? ""
        let host = (self == .aws ? region.map { "\($0)." } ?? "" : "") + consoleHost
        return URL(string: "https://\(host)\(path)\(query)") ?? federationEndpoint
    }

    /// Whether `url` is a page of this partition's console: https, and the console host or one of its
    /// sub-domains (`eu-west-1.console.aws.amazon.com`), with no user or password part.
    public func isConsoleURL(_ url: URL) -> Bool {
        guard url.scheme?.lowercased() == "https", let host = url.host?.lowercased(), url.user == nil,
            url.password == nil
        else { return false }
        return host == consoleHost || host.hasSuffix("." + consoleHost)
    }

    /// A service or region name that can go in a console URL: lower-case letters, digits and `-`.
    public static func isValidName(_ name: String) -> Bool {
        SSOEndpoints.isValidRegion(name)
    }
}
