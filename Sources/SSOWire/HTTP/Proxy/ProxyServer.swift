/// One HTTP proxy that requests are tunnelled through (HTTP `CONNECT`), parsed from a variable such as
/// `HTTPS_PROXY`. It holds the proxy's password, so its `description` masks it; use ``authority`` (host
/// and port only) in error messages.
public struct ProxyServer: Sendable, Hashable, CustomStringConvertible {
    /// The proxy's host name or IP address (an IPv6 address without brackets).
    public var host: String
    /// The proxy's port: 80 when the variable names none, as in urllib3.
    public var port: Int
    /// The user name from `user:password@`, percent-decoded.
    public var username: String?
    /// The password from `user:password@`, percent-decoded. Never printed.
    public var password: String?

    public init(host: String, port: Int, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
    }

    /// `host:port` (`[::1]:3128` for IPv6): what messages name, never the credentials.
    public var authority: String {
        (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// The user name and password to send as `Proxy-Authorization: Basic`, when both are non-empty
    /// (botocore's `ProxyConfiguration.proxy_headers_for` sends nothing otherwise).
    public var basicCredentials: (username: String, password: String)? {
        guard let username, !username.isEmpty, let password, !password.isEmpty else { return nil }
        return (username, password)
    }

    /// `http://user:***@host:port`: the password masked, for `-v` output.
    public var description: String {
        guard let username else { return "http://\(authority)" }
        return "http://\(username)\(password == nil ? "" : ":***")@\(authority)"
    }
}
