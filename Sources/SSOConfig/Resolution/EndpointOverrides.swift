public import Foundation

/// Per-client endpoint overrides resolved exactly as botocore's `ConfiguredEndpointProvider` does; nil means the default
/// endpoint for the SSO region.
public struct EndpointOverrides: Sendable, Hashable {
    /// The SSO OIDC client (`sso-oidc`): `AWS_ENDPOINT_URL_SSO_OIDC`, `services` key `sso_oidc`.
    public var oidc: URL?
    /// The portal client (`sso`): `AWS_ENDPOINT_URL_SSO`, `services` key `sso`.
    public var portal: URL?

    public init(oidc: URL? = nil, portal: URL? = nil) {
        self.oidc = oidc
        self.portal = portal
    }
}
