public import FailureKinds
public import FileStore
public import SSOConfig

/// Why `multisso export --write` left the shared credentials file unchanged.
public enum CredentialsFileError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    /// A section the user wrote (no multisso marker) already has this name.
    case shadowsUserSection(name: String, profile: String, file: String, line: Int)
    /// Two selected profiles give the same section name.
    case duplicateName(name: String, profiles: [String])
    /// A name that cannot be a section header (empty, a line break, `]`, or a leading/trailing space).
    case invalidName(name: String, profile: String)
    /// `--name-template` uses a placeholder that does not exist.
    case unknownPlaceholder(String)
    /// The file exists but cannot be parsed as an INI file (botocore could not read it either).
    case unreadable(ConfigError)
    /// The new file could not be written.
    case writeFailed(FileSystemError)

    public var code: String {
        switch self {
        case .shadowsUserSection: "credentials_section_shadowed"
        case .duplicateName: "credentials_duplicate_name"
        case .invalidName: "credentials_invalid_name"
        case .unknownPlaceholder: "credentials_unknown_placeholder"
        case .unreadable: "credentials_file_unreadable"
        case .writeFailed: "credentials_file_write_failed"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        if case .writeFailed = self { .cache } else { .configuration }
    }

    public var description: String {
        switch self {
        case .shadowsUserSection(let name, let profile, let file, let line):
            "\(file):\(line): the section [\(name)] (for profile \(profile)) is one you wrote, not one multisso manages; "
                + "nothing was written. Choose other names with --name-template (e.g. '{profile}-sso') or remove that section"
        case .duplicateName(let name, let profiles):
            "the profiles \(profiles.joined(separator: ", ")) would all be written as [\(name)]; nothing was written. "
                + "Use a --name-template that tells them apart (e.g. '{profile}')"
        case .invalidName(let name, let profile):
            "the section name \(name.debugDescription) for profile \(profile) cannot be a section header "
                + "(empty, a line break, `]`, or spaces at either end); change --name-template"
        case .unknownPlaceholder(let placeholder):
            "--name-template: unknown placeholder {\(placeholder)}; use {profile}, {account_id}, {role_name} or {sso_session}"
        case .unreadable(let error):
            "the credentials file cannot be read, so it was left unchanged: \(error)"
        case .writeFailed(let error):
            "the credentials file could not be written (it is unchanged): \(error)"
        }
    }
}
