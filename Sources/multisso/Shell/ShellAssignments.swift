import AWSFormats
import Foundation
import SessionActors

/// The variables `msso PROFILE` sets in the calling shell, rendered as code for it to `eval`.
struct ShellAssignments {
    /// The variables the function manages; `--unset` clears them all.
    static let managed = [
        "AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
        "MSSO_PROFILE", "MSSO_MODE", "MSSO_EXPIRES",
    ]

    var set: [(String, String)] = []

    /// Profile mode: `AWS_PROFILE`, and the time until a login is needed for the prompt.
    static func profile(_ name: String, expires: Date) -> ShellAssignments {
        ShellAssignments(set: [
            ("AWS_PROFILE", name), ("MSSO_PROFILE", name), ("MSSO_MODE", "profile"),
            ("MSSO_EXPIRES", String(Int(expires.timeIntervalSince1970))),
        ])
    }

    /// `--env` mode: the keys and their expiry, no `AWS_PROFILE`.
    static func env(_ name: String, credentials: RoleCredentials) -> ShellAssignments {
        ShellAssignments(set: [
            ("AWS_ACCESS_KEY_ID", credentials.accessKeyID), ("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey),
            ("AWS_SESSION_TOKEN", credentials.sessionToken),
            ("AWS_CREDENTIAL_EXPIRATION", CacheTimestamp.format(credentials.expiration)),
            ("MSSO_PROFILE", name), ("MSSO_MODE", "env"),
            ("MSSO_EXPIRES", String(Int(credentials.expiration.timeIntervalSince1970))),
        ])
    }

    /// Code that unsets every managed variable not set here, then sets these.
    func render(for shell: ShellKind) -> String {
        let names = Set(set.map(\.0))
        let unset = Self.managed.filter { !names.contains($0) }
        switch shell {
        case .bash, .zsh:
            var text = "unset \(unset.joined(separator: " "))\n"
            for (name, value) in set { text += "export \(name)=\(CredentialDocument.shellQuoted(value))\n" }
            return text
        case .fish:
            var text = "set -e \(unset.joined(separator: " "))\n"
            for (name, value) in set { text += "set -gx \(name) \(CredentialDocument.shellQuoted(value))\n" }
            return text
        }
    }
}
