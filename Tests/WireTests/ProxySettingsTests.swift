import Foundation
import SSOWire
import Testing

/// The proxy rules of botocore (`get_environ_proxies`, `ProxyConfiguration`) and urllib
/// (`getproxies_environment`, `proxy_bypass_environment`), without any network.
@Suite("Proxy settings from the environment")
struct ProxySettingsTests {
    static func settings(_ variables: [String: String]) throws -> ProxySettings {
        try ProxySettings(environment: variables)
    }

    static func url(_ text: String) throws -> URL {
        try #require(URL(string: text))
    }

    /// The proxy `host:port` a request to `url` goes through, or nil for a direct connection.
    static func route(_ variables: [String: String], _ url: String) throws -> String? {
        try settings(variables).proxy(for: Self.url(url))?.authority
    }

    @Test("https URLs use HTTPS_PROXY, http URLs HTTP_PROXY; no fallback to the other or to ALL_PROXY")
    func schemeSelection() throws {
        let both = ["HTTPS_PROXY": "secure:1", "HTTP_PROXY": "plain:2"]
        #expect(try Self.route(both, "https://oidc.eu-west-1.amazonaws.com/token") == "secure:1")
        #expect(try Self.route(both, "http://127.0.0.1:8080/token") == "plain:2")
        #expect(try Self.route(["HTTP_PROXY": "plain:2"], "https://oidc.eu-west-1.amazonaws.com") == nil)
        #expect(try Self.route(["HTTPS_PROXY": "secure:1"], "http://127.0.0.1:8080") == nil)
        #expect(
            try Self.route(["ALL_PROXY": "any:3", "all_proxy": "any:3"], "https://portal.sso.eu-west-1.amazonaws.com")
                == nil)
        #expect(try Self.settings([:]) == .none)
        #expect(try Self.settings(["HOME": "/h", "HTTPS_PROXY": ""]).isEmpty)
    }

    @Test("the lowercase variable wins over the uppercase one; an empty lowercase one removes the proxy")
    func lowercaseWins() throws {
        #expect(try Self.route(["HTTPS_PROXY": "upper:1", "https_proxy": "lower:2"], "https://a.example") == "lower:2")
        #expect(try Self.route(["HTTP_PROXY": "upper:1", "http_proxy": "lower:2"], "http://a.example") == "lower:2")
        #expect(try Self.route(["HTTPS_PROXY": "upper:1", "https_proxy": ""], "https://a.example") == nil)
        #expect(try Self.route(["HTTPS_PROXY": "", "https_proxy": "lower:2"], "https://a.example") == "lower:2")
        #expect(try Self.route(["Https_Proxy": "mixed:3"], "https://a.example") == "mixed:3")
        let noProxy = try Self.settings([
            "https_proxy": "p:1", "NO_PROXY": "upper.example", "no_proxy": "lower.example",
        ])
        #expect(noProxy.noProxy == "lower.example")
    }

    @Test("with REQUEST_METHOD set (CGI), HTTP_PROXY is ignored but http_proxy is not")
    func cgiEnvironment() throws {
        #expect(try Self.route(["REQUEST_METHOD": "GET", "HTTP_PROXY": "evil:1"], "http://a.example") == nil)
        #expect(try Self.route(["REQUEST_METHOD": "GET", "http_proxy": "good:2"], "http://a.example") == "good:2")
        #expect(try Self.route(["REQUEST_METHOD": "GET", "HTTPS_PROXY": "fine:3"], "https://a.example") == "fine:3")
    }

    @Test("NO_PROXY: * bypasses all; entries match the host or host:port and their domain suffixes")
    func noProxyMatching() throws {
        func routed(_ noProxy: String, _ url: String) throws -> Bool {
            try Self.route(["HTTPS_PROXY": "p:1", "HTTP_PROXY": "p:1", "NO_PROXY": noProxy], url) != nil
        }
        #expect(try !routed("*", "https://oidc.eu-west-1.amazonaws.com"))
        #expect(try routed("*,other", "https://oidc.eu-west-1.amazonaws.com"), "only a lone * bypasses everything")
        #expect(try !routed("amazonaws.com", "https://oidc.eu-west-1.amazonaws.com"))
        #expect(try !routed(".amazonaws.com", "https://oidc.eu-west-1.amazonaws.com"))
        #expect(try !routed("..amazonaws.com", "https://amazonaws.com"))
        #expect(try routed("amazonaws.com", "https://notamazonaws.com"), "a suffix matches at a dot only")
        #expect(try !routed(" internal , AMAZONAWS.COM ", "https://Portal.SSO.eu-west-1.amazonaws.com/x"))
        #expect(try !routed("127.0.0.1", "http://127.0.0.1:8080/token"))
        #expect(try !routed("127.0.0.1:8080", "http://127.0.0.1:8080/token"))
        #expect(try routed("127.0.0.1:9090", "http://127.0.0.1:8080/token"), "host:port matches that port only")
        #expect(try !routed("0.0.1", "http://127.0.0.1:8080"), "urllib suffix-matches IP addresses too")
        #expect(try routed(",,", "https://a.example"))
        #expect(try routed("localhost", "http://127.0.0.1:8080"), "no name resolution, as in urllib")
        #expect(try !routed("[::1]", "http://[::1]:8080/x"))
    }

    @Test("a proxy without a scheme is http, the port defaults to 80, a path is ignored")
    func parsing() throws {
        let plain = try #require(try Self.settings(["HTTPS_PROXY": "proxy.corp:3128"]).https)
        #expect(plain == ProxyServer(host: "proxy.corp", port: 3128))
        #expect(try Self.settings(["HTTPS_PROXY": "//proxy.corp"]).https == ProxyServer(host: "proxy.corp", port: 80))
        #expect(
            try Self.settings(["HTTPS_PROXY": "http://proxy.corp/"]).https == ProxyServer(host: "proxy.corp", port: 80))
        #expect(
            try Self.settings(["HTTPS_PROXY": "HTTP://Proxy:8080/path?q"]).https
                == ProxyServer(host: "Proxy", port: 8080))
        #expect(try Self.settings(["HTTPS_PROXY": "http://[::1]:3128"]).https?.authority == "[::1]:3128")
        #expect(try Self.settings(["HTTPS_PROXY": "http://[::1]:3128"]).https?.host == "::1")
    }

    @Test("user:password@ is percent-decoded; Basic credentials only when both are non-empty")
    func credentials() throws {
        let proxy = try #require(
            try Self.settings(["https_proxy": "http://alice%40corp:p%3Ass%40w0rd@proxy.corp:8080"]).https)
        #expect(proxy.username == "alice@corp" && proxy.password == "p:ss@w0rd" && proxy.authority == "proxy.corp:8080")
        #expect(proxy.basicCredentials?.username == "alice@corp" && proxy.basicCredentials?.password == "p:ss@w0rd")
        #expect(try Self.settings(["https_proxy": "alice@proxy:1"]).https?.basicCredentials == nil)
        #expect(try Self.settings(["https_proxy": "alice:@proxy:1"]).https?.basicCredentials == nil)
        #expect(try Self.settings(["https_proxy": ":secret@proxy:1"]).https?.basicCredentials == nil)
        let settings = try Self.settings(["https_proxy": "alice:hunter2@proxy:1", "no_proxy": "internal"])
        #expect(!"\(settings)".contains("hunter2") && "\(settings)".contains("alice:***@proxy:1"), "\(settings)")
        #expect(!"\(proxy)".contains("w0rd"))
    }

    @Test("an unusable value is an error naming the variable, never quoting a password")
    func invalidValues() throws {
        func failure(_ variables: [String: String]) -> ProxyConfigurationError? {
            do {
                _ = try ProxySettings(environment: variables)
                return nil
            } catch {
                return error
            }
        }
        let https = failure(["HTTPS_PROXY": "https://proxy.corp:443"])
        #expect(https == .unsupportedScheme(variable: "HTTPS_PROXY", scheme: "https"))
        #expect(failure(["http_proxy": "socks5://proxy:1080"])?.code == "unsupported_proxy_scheme")
        for value in [
            "http://:3128", "proxy:99999", "proxy:0", "proxy:31a8", "http://[::1", "http://[::1]x", "pro xy:1",
        ] {
            let error = failure(["HTTPS_PROXY": value])
            #expect(
                error?.code == "invalid_proxy" && error?.variable == "HTTPS_PROXY",
                "\(value): \(String(describing: error))")
            #expect("\(error.map { "\($0)" } ?? "")".contains("HTTPS_PROXY"))
        }
        let secret = try #require(failure(["https_proxy": "alice:hunter2@proxy:notaport"]))
        #expect(secret.variable == "https_proxy")
        #expect(!"\(secret)".contains("hunter2"), "\(secret)")
    }
}
