public import FailureKinds
import Foundation
import NIOSSL

/// A PEM file of certificate authorities that TLS trusts instead of the system's roots, as botocore's
/// `ca_bundle` setting (`AWS_CA_BUNDLE` or a profile's `ca_bundle`) does for users behind a
/// TLS-intercepting proxy. It is read and checked once, before any request, so that a wrong path fails
/// as a configuration error naming where it was set.
public struct CABundle: Sendable, Hashable, CustomStringConvertible {
    /// The file, with `~` already expanded.
    public let path: String
    /// Where the setting came from, for messages: "environment variable AWS_CA_BUNDLE" or
    /// "ca_bundle of profile dev".
    public let source: String
    /// The certificates of the file, in order; never empty.
    let certificates: [NIOSSLCertificate]

    /// Reads `path` and keeps its PEM certificates.
    /// - Throws: ``CABundleError/unreadable(source:path:reason:)`` when the file cannot be read, or
    ///   ``CABundleError/noCertificates(source:path:)`` when it holds no PEM certificate.
    public init(path: String, source: String) throws(CABundleError) {
        self.path = path
        self.source = source
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw .unreadable(source: source, path: path, reason: missing ? "no such file" : "it cannot be read")
        }
        let loaded = try? NIOSSLCertificate.fromPEMBytes(Array(data))
        guard let loaded, !loaded.isEmpty else { throw .noCertificates(source: source, path: path) }
        certificates = loaded
    }

    /// "/etc/corp-ca.pem (from environment variable AWS_CA_BUNDLE, 2 certificates)", for `-v`.
    public var description: String {
        "\(path) (from \(source), \(certificates.count) certificate\(certificates.count == 1 ? "" : "s"))"
    }

    public static func == (lhs: CABundle, rhs: CABundle) -> Bool {
        lhs.path == rhs.path && lhs.certificates == rhs.certificates
    }

    /// The path and the number of certificates: hashing the certificates themselves serialises each
    /// one (a system bundle holds about 150), and the transport looks its client up on every request.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(certificates.count)
    }
}

/// Why a configured CA bundle cannot be used; raised before any request, exit status 3 in the CLI.
public enum CABundleError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadable(source: String, path: String, reason: String)
    /// The file holds no PEM certificate (`-----BEGIN CERTIFICATE-----`).
    case noCertificates(source: String, path: String)
    /// Two profiles used in one run name different bundles, and `AWS_CA_BUNDLE` does not settle it.
    case conflicting(profile: String, path: String, otherProfile: String, otherPath: String)

    /// A short stable identifier.
    public var code: String {
        switch self {
        case .unreadable: "ca_bundle_unreadable"
        case .noCertificates: "ca_bundle_no_certificates"
        case .conflicting: "ca_bundle_conflicting"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .configuration
    }

    public var description: String {
        switch self {
        case .unreadable(let source, let path, let reason):
            "the CA bundle \(path) (\(source)) cannot be used: \(reason); fix the path or unset the setting"
        case .noCertificates(let source, let path):
            "the CA bundle \(path) (\(source)) holds no PEM certificate (-----BEGIN CERTIFICATE-----)"
        case .conflicting(let profile, let path, let otherProfile, let otherPath):
            "profiles \(profile) and \(otherProfile) name different CA bundles (ca_bundle = \(path) and "
                + "ca_bundle = \(otherPath)) and one run uses one; select them separately, make the values "
                + "equal, or set AWS_CA_BUNDLE"
        }
    }
}
