public import FailureKinds

/// A proxy variable (`HTTPS_PROXY`, `http_proxy`, …) whose value multisso cannot use. The message names
/// the variable; the value is quoted only when it holds no credentials (no `@`).
public enum ProxyConfigurationError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    /// The value is not `[http://][user:password@]host[:port]`.
    case invalidProxy(variable: String, value: String?, reason: String)
    /// The value names a proxy scheme other than `http://` (`https://` proxies, `socks5://`, …).
    case unsupportedScheme(variable: String, scheme: String)

    /// A short stable identifier: `invalid_proxy` or `unsupported_proxy_scheme`.
    public var code: String {
        switch self {
        case .invalidProxy: "invalid_proxy"
        case .unsupportedScheme: "unsupported_proxy_scheme"
        }
    }

    /// The environment variable at fault.
    public var variable: String {
        switch self {
        case .invalidProxy(let variable, _, _), .unsupportedScheme(let variable, _): variable
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .configuration
    }

    public var description: String {
        switch self {
        case .invalidProxy(let variable, let value, let reason):
            let shown = value.map { " (\"\($0)\")" } ?? ""
            return "the environment variable \(variable)\(shown) is not a usable proxy: \(reason); "
                + "expected [http://][user:password@]host[:port], or unset it"
        case .unsupportedScheme(let variable, let scheme):
            return "the environment variable \(variable) names a \(scheme):// proxy, which multisso does not support; "
                + "use an http:// proxy (requests are tunnelled with CONNECT, so https endpoints stay end-to-end TLS)"
        }
    }
}
