public import AWSFormats
public import FileStore
public import Foundation
import ParallelExec
import SSOCache
public import SSOConfig

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The shared credentials file (`AWS_SHARED_CREDENTIALS_FILE`, default `~/.aws/credentials`) as
/// `multisso export --format credentials --write` edits it, for tools that cannot use SSO profiles.
///
/// multisso touches only the sections it manages, which carry `multisso_managed = true` (botocore
/// ignores keys it does not know) and a comment saying so: they are added, replaced, or pruned when
/// expired or no longer selected. Every other byte of the file stays as it was; a name that would
/// shadow a section the user wrote is refused; the file is replaced in one atomic write, keeping its
/// mode (0600 when it is created).
public struct SharedCredentialsFile: Sendable {
    public static let markerKey = "multisso_managed"
    public static let profileKey = "multisso_profile"
    public static let expirationKey = "multisso_expiration"
    public static let markerComment =
        "# managed by `multisso export --write`: replaced and pruned by it, edits here are lost"

    /// One section to write.
    public struct Entry: Sendable {
        public var name: String
        public var profile: String
        public var credentials: RoleCredentials

        public init(name: String, profile: String, credentials: RoleCredentials) {
            self.name = name
            self.profile = profile
            self.credentials = credentials
        }
    }

    /// What a write changed, by section name.
    public struct Change: Sendable, Codable, Equatable {
        public var file: String
        /// Sections written this time (new or replaced).
        public var written: [String]
        /// Managed sections removed: expired, or no longer selected.
        public var pruned: [String]
        /// Managed sections of selected profiles that got no credentials this time, kept while unexpired.
        public var kept: [String]
    }

    /// The file (not resolved: a symbolic link there is followed when writing).
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    /// The file the AWS CLI reads: `AWS_SHARED_CREDENTIALS_FILE` (`~` expanded), else `~/.aws/credentials`.
    public init(environment: AWSEnvironment) {
        if let path = environment[variable: AWSEnvironment.Variable.sharedCredentialsFile] {
            file = URL(fileURLWithPath: environment.expandingTilde(path))
        } else {
            file = environment.home.appendingPathComponent(".aws/credentials")
        }
    }

    /// Writes `entries` and prunes managed sections that are neither among them nor (unexpired) in
    /// `keeping`, in one atomic write.
    /// - Parameters:
    ///   - keeping: names of selected profiles' sections that got no new credentials this time.
    ///   - now: for expiry.
    /// - Throws: ``CredentialsFileError``; the file is unchanged when it throws.
    public func update(_ entries: [Entry], keeping: Set<String> = [], now: Date) throws(CredentialsFileError) -> Change
    {
        let target = file.resolvingSymlinksInPath()
        var document = try read()
        try Self.checkNames(entries.map { ($0.name, $0.profile) }, in: document, file: file)
        let writing = Set(entries.map(\.name))
        var change = Change(file: file.path, written: entries.map(\.name), pruned: [], kept: [])
        for section in document.rawSections where Self.isManaged(section) {
            if writing.contains(section.header) {
                document.removeSection(section.id)
            } else if keeping.contains(section.header), Self.expiration(of: section).map({ $0 > now }) == true {
                change.kept.append(section.header)
            } else {
                change.pruned.append(section.header)
                document.removeSection(section.id)
            }
        }
        let data = Self.appending(entries, to: document)
        do {
            _ = try ConfigDocument(parsing: data, file: file)
        } catch {
            throw .unreadable(error)
        }
        var info = stat()
        let mode: mode_t = stat(target.path, &info) == 0 ? info.st_mode & 0o7777 : 0o600
        do {
            try AtomicFile.write(data, to: target, permissions: mode)
        } catch {
            throw .writeFailed(error)
        }
        return change
    }

    /// Checks section names before any credentials are fetched (``update(_:keeping:now:)`` checks again).
    /// - Throws: ``CredentialsFileError`` for a duplicate name, a user's section of that name, or a file
    ///   that cannot be read.
    public func check(_ names: [(name: String, profile: String)]) throws(CredentialsFileError) {
        try Self.checkNames(names, in: try read(), file: file)
    }

    /// The file as a lossless document (empty when it does not exist).
    private func read() throws(CredentialsFileError) -> ConfigDocument {
        let existing: Data?
        do {
            existing = try AtomicFile.readRegularFile(file.resolvingSymlinksInPath(), limit: AWSConfigFile.sizeLimit)
        } catch {
            throw .unreadable(.readFailed(error))
        }
        guard let existing else { return ConfigDocument(file: file) }
        do {
            return try ConfigDocument(parsing: existing, file: file)
        } catch {
            throw .unreadable(error)
        }
    }

    /// Whether multisso wrote the section.
    public static func isManaged(_ section: ConfigSection) -> Bool {
        section.value(markerKey)?.lowercased() == "true"
    }

    static func expiration(of section: ConfigSection) -> Date? {
        section.value(expirationKey).flatMap(CacheTimestamp.parse)
    }

    /// Refuses duplicate names and names of sections the user wrote.
    static func checkNames(
        _ entries: [(name: String, profile: String)], in document: ConfigDocument, file: URL
    ) throws(CredentialsFileError) {
        var byName: [String: [String]] = [:]
        for entry in entries { byName[entry.name, default: []].append(entry.profile) }
        if let (name, profiles) = byName.first(where: { $0.value.count > 1 }) {
            throw .duplicateName(name: name, profiles: profiles)
        }
        for entry in entries {
            if let user = document.rawSections.first(where: { $0.header == entry.name && !isManaged($0) }) {
                throw .shadowsUserSection(name: entry.name, profile: entry.profile, file: file.path, line: user.line)
            }
        }
    }

    /// The document's bytes with one section per entry at the end, each after a blank line.
    static func appending(_ entries: [Entry], to document: ConfigDocument) -> Data {
        let ending = document.lineEnding.rawValue
        guard !entries.isEmpty else { return document.data }
        var text = String(decoding: document.data, as: UTF8.self)
        if let last = document.lines.last {
            if last.ending == LineEnding.none { text += ending }
            if !last.text.allSatisfy(\.isWhitespace) { text += ending }
        }
        for (index, entry) in entries.enumerated() {
            if index > 0 { text += ending }
            text += "[\(entry.name)]" + ending + markerComment + ending
            let values = [
                ("aws_access_key_id", entry.credentials.accessKeyID),
                ("aws_secret_access_key", entry.credentials.secretAccessKey),
                ("aws_session_token", entry.credentials.sessionToken),
                (markerKey, "true"),
                (profileKey, entry.profile),
                (expirationKey, CacheTimestamp.format(entry.credentials.expiration)),
            ]
            for (key, value) in values { text += key + " = " + ConfigDocument.writableValue(value) + ending }
        }
        return Data(text.utf8)
    }
}
