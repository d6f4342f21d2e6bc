public import FileStore
import Foundation
public import SSOConfig
public import SSOWire

/// botocore's `ca_bundle` config variable (`configprovider.py`: `'ca_bundle': ('ca_bundle',
/// 'AWS_CA_BUNDLE', None, None)`): the environment variable first, then the profile's `ca_bundle` key;
/// when set, TLS verifies against that PEM file only (urllib3 `ca_certs`, `~` expanded). One
/// transport serves a whole run, so the profiles a command uses must agree on the file.
public enum CABundleSetting {
    /// The environment variable, which wins over every profile's key.
    public static let variable = "AWS_CA_BUNDLE"
    /// The profile key.
    public static let key = "ca_bundle"

    /// The bundle for a run that uses `profiles` (names; ones without a section are skipped).
    ///
    /// An empty value counts as unset (botocore would turn verification off; multisso never does).
    /// - Returns: nil when neither the variable nor any of the profiles sets one.
    /// - Throws: ``CABundleError/conflicting(profile:path:otherProfile:otherPath:)`` when two profiles
    ///   name different files and the variable is unset; ``CABundleError/unreadable(source:path:reason:)``
    ///   or ``CABundleError/noCertificates(source:path:)`` when the chosen file cannot be used.
    public static func resolve(
        environment: AWSEnvironment, config: AWSConfigFile, profiles: [String]
    ) throws(CABundleError) -> CABundle? {
        if let value = environment[variable: variable] {
            return try CABundle(path: environment.expandingTilde(value), source: "environment variable \(variable)")
        }
        var chosen: (profile: String, value: String)?
        for name in profiles {
            guard let value = config.document.section(.profile(name))?.value(key), !value.isEmpty else { continue }
            if let chosen, chosen.value != value {
                throw .conflicting(profile: chosen.profile, path: chosen.value, otherProfile: name, otherPath: value)
            }
            chosen = chosen ?? (name, value)
        }
        guard let chosen else { return nil }
        return try CABundle(
            path: environment.expandingTilde(chosen.value),
            source: "\(key) of profile \(chosen.profile) in \(config.file.path)")
    }
}
