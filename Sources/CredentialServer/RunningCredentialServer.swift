import Foundation

/// A credential server inside `withCredentialServer`: where it listens, and the URLs and variables a
/// client needs.
public struct RunningCredentialServer: Sendable {
    /// The address it listens on.
    public let host: String
    /// The port it listens on (the one picked when 0 was asked).
    public let port: Int

    /// `http://HOST:PORT` (IPv6 in brackets).
    public var baseURL: String {
        host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }

    /// The container-credentials URL of a profile (its name percent-encoded).
    public func url(forProfile name: String) -> String {
        baseURL + "/profiles/" + Self.percentEncoded(name)
    }

    /// The IMDS base URL (`AWS_EC2_METADATA_SERVICE_ENDPOINT`).
    public var metadataEndpoint: String { baseURL + "/" }

    /// Every byte but unreserved ones percent-encoded, so any profile name is one path segment.
    static func percentEncoded(_ name: String) -> String {
        let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)
        return name.utf8.map { unreserved.contains($0) ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }
            .joined()
    }

    /// Waits until the task is cancelled (Ctrl-C or SIGTERM through `SignalCancellation`), holding no thread.
    public func waitUntilCancelled() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(86_400))
        }
    }
}
