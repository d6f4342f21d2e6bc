public import SSOWire

/// How a directory made by ``withSessionDirectory(environment:config:options:isolation:_:)`` reaches the
/// network: the deadline of each request, and the profiles whose `ca_bundle` TLS trusts. Proxies come
/// from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`).
public struct NetworkOptions: Sendable {
    /// Each request's deadline: connecting, the answer and its whole body.
    public var timeout: Duration
    /// The profiles a run uses; their `ca_bundle` keys must agree (`AWS_CA_BUNDLE` wins over them).
    public var trustedProfiles: [String]

    /// The CA bundle of ``trustedProfiles`` when the caller resolved it already
    /// (`CABundleSetting.resolve` with these profiles; nil inside: no bundle), so that the scope
    /// neither reads nor parses the file a second time; nil: the scope resolves it.
    public var resolvedCABundle: ResolvedCABundle?

    /// A CA bundle setting already resolved: the bundle, or nil for the system's roots.
    public struct ResolvedCABundle: Sendable {
        public var bundle: CABundle?

        public init(_ bundle: CABundle?) {
            self.bundle = bundle
        }
    }

    public init(timeout: Duration = .seconds(30), trustedProfiles: [String] = []) {
        self.timeout = timeout
        self.trustedProfiles = trustedProfiles
    }
}
