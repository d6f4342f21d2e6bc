import Foundation

/// Python's `urllib.request.getproxies_environment` and `proxy_bypass_environment`, which botocore
/// (`botocore.utils.get_environ_proxies`) uses on Linux, ported line for line so that multisso reads
/// the proxy variables exactly as the AWS CLI v2 does.
enum ProxyEnvironment {
    /// One proxy variable that won: its name (for messages) and its value.
    struct Entry: Sendable, Hashable {
        var variable: String
        var value: String
    }

    /// `<scheme>_proxy` variables by scheme (`http`, `https`, `no`, …), as `getproxies_environment`
    /// builds them: any spelling of the name with a non-empty value counts, then a name ending in
    /// lowercase `_proxy` wins (and an empty one removes the scheme). `HTTP_PROXY` is ignored when
    /// `REQUEST_METHOD` is set (a CGI environment, CVE-2016-1000110). Names are visited in sorted
    /// order where Python would follow the environment's order.
    static func proxies(_ variables: [String: String]) -> [String: Entry] {
        let names = variables.keys.sorted()
        var proxies: [String: Entry] = [:]
        for name in names {
            let lower = name.lowercased()
            guard let value = variables[name], !value.isEmpty, lower.hasSuffix("_proxy") else { continue }
            proxies[String(lower.dropLast(6))] = Entry(variable: name, value: value)
        }
        if variables["REQUEST_METHOD"] != nil { proxies["http"] = nil }
        for name in names where name.hasSuffix("_proxy") {
            let scheme = String(name.lowercased().dropLast(6))
            if let value = variables[name], !value.isEmpty {
                proxies[scheme] = Entry(variable: name, value: value)
            } else {
                proxies[scheme] = nil
            }
        }
        return proxies
    }

    /// `proxy_bypass_environment(host)`: true when `noProxy` (the `no_proxy` value) is `*`, or one of
    /// its comma-separated entries (leading dots ignored, case-insensitive) is the host or `host:port`,
    /// or a domain suffix of either.
    static func bypasses(_ netloc: String, noProxy: String) -> Bool {
        if noProxy == "*" { return true }
        let host = netloc.lowercased()
        let hostOnly = splitPort(host)
        for entry in noProxy.split(separator: ",", omittingEmptySubsequences: false) {
            var name = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty else { continue }
            name = String(name.drop { $0 == "." }).lowercased()
            if hostOnly == name || host == name { return true }
            name = "." + name
            if hostOnly.hasSuffix(name) || host.hasSuffix(name) { return true }
        }
        return false
    }

    /// `urllib.parse._splitport`: the host without a trailing `:digits` (or a bare trailing `:`).
    static func splitPort(_ host: String) -> String {
        guard let colon = host.lastIndex(of: ":") else { return host }
        let port = host[host.index(after: colon)...]
        guard port.allSatisfy({ $0.isASCII && $0.isNumber }) else { return host }
        return String(host[..<colon])
    }

    /// `urllib.parse.urlparse(url).netloc`: what lies between `//` and the next `/`, `?` or `#`, as written
    /// (with any user info and port).
    static func netloc(of url: String) -> String {
        guard let separator = url.range(of: "://") else { return "" }
        let rest = url[separator.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }
}
