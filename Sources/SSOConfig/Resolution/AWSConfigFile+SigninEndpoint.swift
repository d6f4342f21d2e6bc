import FileStore
public import Foundation

/// The override of the console federation endpoint's base URL, looked up like the SSO clients' ones:
/// `AWS_ENDPOINT_URL_SIGNIN`, `AWS_ENDPOINT_URL`, the profile's `services` section with a `signin`
/// sub-section, the profile's `endpoint_url`; none of them when configured endpoints are ignored.
extension AWSConfigFile {
    /// The base URL that replaces the partition's federation host for `name`'s profile, or nil.
    /// - Parameter name: the profile; nil looks at the environment variables only.
    /// - Throws: the errors of ``endpoints(forProfile:)``.
    public func signinEndpoint(forProfile name: String?) throws(ConfigError) -> URL? {
        var profile: ConfigSection?
        if let name {
            guard let section = document.section(.profile(name)) else {
                throw .profileNotFound(profile: name, file: file)
            }
            profile = section
        }
        if ignoresConfiguredEndpoints(profile) { return nil }
        return try endpoint(service: "signin", profile: profile)
    }
}
