import HummingbirdTLS
import NIOCore

/// The certificate and key of the emulator's optional HTTPS listener, so tests can stand in for a
/// TLS-intercepting proxy whose CA only a custom bundle (`AWS_CA_BUNDLE`) trusts.
public struct EmulatorTLS: Sendable, Hashable {
    /// PEM file with the server's certificate chain (leaf first).
    public var certificatePath: String
    /// PEM file with the server's private key.
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }

    /// The server-side TLS configuration from the two files.
    /// - Throws: ``EmulatorError/invalidConfiguration(reason:)`` naming the file that cannot be used.
    func serverConfiguration() throws(EmulatorError) -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw .invalidConfiguration(reason: "the TLS certificate \(certificatePath) cannot be read as PEM")
        }
        guard !chain.isEmpty else {
            throw .invalidConfiguration(reason: "the TLS certificate \(certificatePath) holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        } catch {
            throw .invalidConfiguration(reason: "the TLS key \(privateKeyPath) cannot be read as a PEM private key")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // A client that never answers close_notify (AHC's pooled connections) would hold the server's
        // graceful shutdown for NIOSSL's default five seconds.
        configuration.shutdownTimeout = .milliseconds(200)
        return configuration
    }
}
