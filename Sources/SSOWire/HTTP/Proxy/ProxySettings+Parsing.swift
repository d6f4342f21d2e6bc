import Foundation

extension ProxySettings {
    /// Parses one proxy variable's value the way botocore and urllib3 read it: no scheme or `//` means
    /// `http://` (`ProxyConfiguration._fix_proxy_url`), an optional percent-encoded `user:password@`,
    /// then `host[:port]` (port 80 when absent); a path after the authority is ignored.
    static func parse(_ entry: ProxyEnvironment.Entry) throws(ProxyConfigurationError) -> ProxyServer {
        let value = entry.value.trimmingCharacters(in: .whitespacesAndNewlines)
        // The value is quoted in messages only when it cannot hold a password.
        let shown = value.contains("@") ? nil : value
        let invalid = { (reason: String) in
            ProxyConfigurationError.invalidProxy(variable: entry.variable, value: shown, reason: reason)
        }
        var rest = Substring(value)
        if let match = value.firstMatch(of: /^([A-Za-z][A-Za-z0-9+.\-]*):\/\//) {
            let scheme = match.output.1.lowercased()
            guard scheme == "http" else { throw .unsupportedScheme(variable: entry.variable, scheme: scheme) }
            rest = value[match.range.upperBound...]
        } else if value.hasPrefix("//") {
            rest = value.dropFirst(2)
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        var hostPort = authority
        var username: String?
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            // Like Python's `unquote`, a malformed escape is kept as written.
            let decode = { (text: Substring) in String(text).removingPercentEncoding ?? String(text) }
            let colon = userInfo.firstIndex(of: ":")
            username = decode(userInfo[..<(colon ?? userInfo.endIndex)])
            password = colon.map { decode(userInfo[userInfo.index(after: $0)...]) }
        }
        let (host, portText) = try splitHostPort(hostPort, invalid: invalid)
        guard !host.isEmpty else { throw invalid("it names no host") }
        guard host.allSatisfy({ !$0.isWhitespace }) else { throw invalid("the host contains white space") }
        var port = 80
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(portText),
                (1...65535).contains(number)
            else { throw invalid("the port is not a number from 1 to 65535") }
            port = number
        }
        return ProxyServer(host: host, port: port, username: username, password: password)
    }

    /// `host:port`, `[v6]:port` or a bare host; the port text is nil when there is none.
    private static func splitHostPort(
        _ hostPort: Substring, invalid: (String) -> ProxyConfigurationError
    ) throws(ProxyConfigurationError) -> (host: String, port: String?) {
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw invalid("an IPv6 address lacks its closing ]") }
            let host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { throw invalid("unexpected text after the IPv6 address") }
            return (host, String(after.dropFirst()))
        }
        guard let colon = hostPort.lastIndex(of: ":") else { return (String(hostPort), nil) }
        return (String(hostPort[..<colon]), String(hostPort[hostPort.index(after: colon)...]))
    }
}
