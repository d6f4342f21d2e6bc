import FileStore
import Foundation

/// Endpoint overrides for the SSO clients, looked up as botocore's `ConfiguredEndpointProvider` does:
/// service env var, `AWS_ENDPOINT_URL`, the profile's `services` section, the profile's `endpoint_url`;
/// all of them off when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` (or the profile's
/// `ignore_configured_endpoint_urls`) is true.
extension AWSConfigFile {
    /// The overrides for the OIDC and portal clients of `name`'s profile.
    /// - Parameter name: the profile; nil looks at the environment variables only.
    /// - Throws: `ConfigError.profileNotFound`, `.servicesSectionMissing`, `.servicesEntryNotSubsection`,
    ///   `.notASingleValue` or `.invalidEndpointURL`, each only when botocore would reach that setting.
    public func endpoints(forProfile name: String?) throws(ConfigError) -> EndpointOverrides {
        var profile: ConfigSection?
        if let name {
            guard let section = document.section(.profile(name)) else {
                throw .profileNotFound(profile: name, file: file)
            }
            profile = section
        }
        if ignoresConfiguredEndpoints(profile) { return EndpointOverrides() }
        return EndpointOverrides(
            oidc: try endpoint(service: "sso_oidc", profile: profile),
            portal: try endpoint(service: "sso", profile: profile)
        )
    }

    /// The env var wins even when empty (botocore's chain stops at a set variable); "true" in any case is true.
    func ignoresConfiguredEndpoints(_ profile: ConfigSection?) -> Bool {
        if let raw = environment.variables[AWSEnvironment.Variable.ignoreConfiguredEndpointURLs] {
            return SSOSessionSettings.isTrue(raw)
        }
        return SSOSessionSettings.isTrue(profile?.entry("ignore_configured_endpoint_urls")?.value.text)
    }

    func endpoint(service: String, profile: ConfigSection?) throws(ConfigError) -> URL? {
        let serviceVariable = "AWS_ENDPOINT_URL_" + service.uppercased()
        if let raw = environment[variable: serviceVariable] {
            return try Self.validated(raw, source: "environment variable \(serviceVariable)")
        }
        if let raw = environment[variable: AWSEnvironment.Variable.endpointURL] {
            return try Self.validated(raw, source: "environment variable \(AWSEnvironment.Variable.endpointURL)")
        }
        guard let profile else { return nil }
        if let reference = profile.entry("services") {
            let servicesName = try text(reference, in: profile)
            guard let services = document.section(.services(servicesName)), !services.allEntries.isEmpty else {
                throw .servicesSectionMissing(
                    profile: profile.id.name, services: servicesName, file: file, line: reference.line)
            }
            if let entry = services.entry(service) {
                guard case .subsection(let items) = entry.value else {
                    throw .servicesEntryNotSubsection(
                        services: servicesName, key: entry.key, file: file, line: entry.line)
                }
                if let raw = items.first(where: { $0.key.isExactly("endpoint_url") })?.value, !raw.isEmpty {
                    return try Self.validated(
                        raw, source: "\(file.path):\(entry.line) ([services \(servicesName)] \(service))")
                }
            }
        }
        if let entry = profile.entry("endpoint_url") {
            let raw = try text(entry, in: profile)
            if !raw.isEmpty {
                return try Self.validated(raw, source: "\(file.path):\(entry.line) (\(profile.id))")
            }
        }
        return nil
    }

    /// An endpoint must be an absolute http(s) URL with a host, as botocore's `is_valid_endpoint_url` requires.
    static func validated(_ raw: String, source: String) throws(ConfigError) -> URL {
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else { throw .invalidEndpointURL(url: raw, source: source) }
        return url
    }
}
