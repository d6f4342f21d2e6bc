public import Foundation

/// A certificate authority made on the spot with the `openssl` command line, and a server certificate
/// it signed for IP 127.0.0.1: what tests need to run the emulator over HTTPS and trust it only
/// through a CA bundle, as users behind a TLS-intercepting proxy do. Nothing is kept after the test's
/// folder is removed.
public struct ThrowawayCertificateAuthority: Sendable {
    /// The CA's certificate (PEM): the bundle a client must trust.
    public let caCertificatePath: String
    /// The server certificate and key for ``EmulatorConfiguration/tls``.
    public let server: EmulatorTLS

    /// Why `openssl` could not make the files.
    public struct Failed: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Writes `ca.pem`, `ca.key`, `server.pem` and `server.key` (P-256 keys, valid two days) into
    /// `folder`, which must exist.
    /// - Parameter openssl: the `openssl` executable.
    /// - Throws: ``Failed`` naming the step when `openssl` cannot run or fails.
    public init(in folder: URL, openssl: URL = URL(fileURLWithPath: "/usr/bin/openssl")) throws {
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let extensions = path("server.ext")
        try Data("subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n".utf8)
            .write(to: URL(fileURLWithPath: extensions))
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.run(
            openssl,
            ["req", "-x509"] + key + [
                "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj",
                "/CN=multisso throwaway test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ])
        try Self.run(
            openssl,
            ["req"] + key + [
                "-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=127.0.0.1",
            ])
        try Self.run(
            openssl,
            [
                "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
                "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", extensions,
            ])
        caCertificatePath = path("ca.pem")
        server = EmulatorTLS(certificatePath: path("server.pem"), privateKeyPath: path("server.key"))
    }

    private static func run(_ openssl: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = openssl
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failed(description: "cannot run \(openssl.path): \(error)")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(
                description:
                    "openssl \(arguments.prefix(2).joined(separator: " ")) exited with \(process.terminationStatus)")
        }
    }
}
