public import Foundation
public import SessionActors

/// Where the server's token lives unless `--token-file` says otherwise.
public enum ServerTokenFile {
    /// `~/.aws/multisso/serve-token` (owner-only, in an owner-only folder).
    public static func defaultLocation(_ environment: AWSEnvironment) -> URL {
        environment.home.appendingPathComponent(".aws/multisso/serve-token")
    }
}
