public import FileStore
public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loaded config file: every profile and sso-session, resolution with the AWS CLI's rules, and
/// saving edits back without disturbing the rest of the file.
public struct AWSConfigFile: Sendable {
    public var document: ConfigDocument
    /// The config file path as configured (`AWS_CONFIG_FILE` or `~/.aws/config`).
    public var file: URL
    /// The environment endpoint overrides are read from.
    public var environment: AWSEnvironment

    /// The largest config file read (a config with thousands of profiles is well below this).
    public static let sizeLimit = 16 << 20

    public init(document: ConfigDocument, file: URL, environment: AWSEnvironment) {
        self.document = document
        self.file = file
        self.environment = environment
    }

    /// Reads `environment.configFile`. A symbolic link there (a dotfiles checkout) is followed.
    /// - Returns: the file, or an empty document when there is no file.
    /// - Throws: `ConfigError.readFailed` when it cannot be read, or a parse error with file and line.
    public static func load(_ environment: AWSEnvironment) throws(ConfigError) -> AWSConfigFile {
        let file = environment.configFile
        let data: [UInt8]?
        do {
            data = try AtomicFile.readRegularFileBytes(file.resolvingSymlinksInPath(), limit: sizeLimit)
        } catch {
            throw .readFailed(error)
        }
        guard let data else {
            return AWSConfigFile(document: ConfigDocument(file: file), file: file, environment: environment)
        }
        return AWSConfigFile(
            document: try ConfigDocument(parsing: data, file: file), file: file, environment: environment)
    }

    /// Profile names in botocore's order; "default" for `[default]`.
    public var profileNames: [String] {
        document.profileNames
    }

    /// Sections that look like a profile or an `[sso-session]` but that botocore ignores, because
    /// its `shlex.split` of the header does not give exactly two words (`[profile a b]`, an unclosed
    /// quote): no AWS tool sees them, so neither does multisso (`-v` says so).
    public var ignoredSections: [ConfigSection] {
        document.ignoredSections(startingWith: ["profile", "sso-session", "services"])
    }

    /// sso-session names in botocore's order.
    public var ssoSessionNames: [String] {
        document.ssoSessionSections.map(\.id.name)
    }

    /// Writes the document atomically. A symbolic link at the path is followed (the link stays); the
    /// file keeps its mode, and a new file gets 0600 in a 0700 folder.
    /// - Throws: `FileSystemError`; the file on disk is unchanged when it throws.
    public func save() throws(FileSystemError) {
        let target = file.resolvingSymlinksInPath()
        var info = stat()
        let mode: mode_t = stat(target.path, &info) == 0 ? info.st_mode & 0o7777 : 0o600
        try AtomicFile.write(document.data, to: target, permissions: mode)
    }
}
