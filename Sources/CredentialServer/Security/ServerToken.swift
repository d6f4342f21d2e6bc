import FileStore
public import Foundation
import SSOConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The secret a client of the credential server must present: 256 random bits as 64 hex characters,
/// kept in an owner-only file that clients read (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), so the
/// token itself never appears in an environment listing, an argument or a log.
public struct ServerToken: Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// A token from its text (for tests and for a file that exists).
    public init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// 256 bits from the system's CSPRNG, hex-encoded.
    public static func random() -> ServerToken {
        var generator = SystemRandomNumberGenerator()
        let text = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        return ServerToken(text)
    }

    /// The token in `file`, created (0600, folders 0700) with a new random token when there is none.
    /// - Throws: ``CredentialServerError/tokenFile(path:problem:)`` when the file is readable by others,
    ///   is not a regular file, is too short, or holds a line break (SDKs refuse such a header value).
    public static func loadOrCreate(_ file: URL) throws(CredentialServerError) -> ServerToken {
        let path = file.path
        let data: Data?
        do {
            data = try AtomicFile.readRegularFile(file, limit: 4096)
        } catch {
            throw .tokenFile(path: path, problem: "cannot be read: \(error)")
        }
        guard let data else {
            let token = random()
            do {
                try AtomicFile.write(Data(token.bytes), to: file, permissions: 0o600)
            } catch {
                throw .tokenFile(path: path, problem: "cannot be written: \(error)")
            }
            return token
        }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & 0o077 != 0 {
            throw .tokenFile(path: path, problem: "can be read by other users; run `chmod 600 \(path)`")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.contains("\n") || text.contains("\r") {
            throw .tokenFile(
                path: path,
                problem: "holds a line break, which SDKs refuse to send; write it without one (printf, not echo)")
        }
        guard text.utf8.count >= 32 else {
            throw .tokenFile(
                path: path, problem: "holds fewer than 32 characters; delete it and a new random token is written")
        }
        return ServerToken(text)
    }

    /// Compares `candidate` with the token in time that depends only on the token's length, reading
    /// the candidate's bytes in place (no copy).
    public func matches(_ candidate: String?) -> Bool {
        candidate.map { matches($0[...]) } ?? false
    }

    /// The same comparison for a slice of a request head.
    func matches(_ candidate: Substring) -> Bool {
        let other = candidate.utf8
        var difference: UInt8 = other.count == bytes.count ? 0 : 1
        var next = other.makeIterator()
        for expected in bytes {
            difference |= (next.next() ?? 0) ^ expected
        }
        return difference == 0
    }

    /// The token's text, for the one place that must hand it over (the token file, an IMDS answer).
    func reveal() -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Never the token itself.
    public var description: String { "ServerToken(\(bytes.count) characters, redacted)" }
}
