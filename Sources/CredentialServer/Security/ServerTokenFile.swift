public import FileStore
public import Foundation
import SessionActors

/// Where the server's token lives unless `--token-file` says otherwise.
public enum ServerTokenFile {
    /// `~/.aws/multisso/serve-token` (owner-only, in an owner-only folder).
    public static func defaultLocation(_ environment: AWSEnvironment) -> URL {
        environment.home.appendingPathComponent(".aws/multisso/serve-token")
    }

    /// The file `--token-file PATH` names (`~` expanded), else the default location.
    public static func resolve(_ path: String?, environment: AWSEnvironment) -> URL {
        path.map { URL(fileURLWithPath: environment.expandingTilde($0)) } ?? defaultLocation(environment)
    }
}
