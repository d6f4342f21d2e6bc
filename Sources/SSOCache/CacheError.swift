public import FailureKinds
public import FileStore

/// A cache file could not be read, written or locked. Every case names the file; none carries a secret
/// (field values are never quoted, except a malformed timestamp, which is not secret).
public enum CacheError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    /// Reading, writing, listing or deleting failed at the file-system level (link, folder, size, permission).
    case fileSystem(FileSystemError)
    /// The file is not valid JSON (truncated, corrupted or empty).
    case invalidJSON(file: String)
    /// The file is JSON but its top level is not an object.
    case notAnObject(file: String)
    /// A required field is absent.
    case missingField(file: String, field: String)
    /// A field has the wrong JSON type.
    case wrongType(file: String, field: String, expected: String)
    /// A timestamp field is not an RFC 3339 timestamp with a zone.
    case invalidTimestamp(file: String, field: String, value: String)
    /// Another process (or task) held the portal lock for longer than the timeout.
    case lockTimedOut(file: String, seconds: Int)
    /// The lock file could not be opened or locked.
    case lockFailed(file: String, reason: String)

    /// A short stable identifier for JSON output and exit-code mapping.
    public var code: String {
        switch self {
        case .fileSystem(let error): "cache_\(error.code)"
        case .invalidJSON: "cache_invalid_json"
        case .notAnObject: "cache_not_an_object"
        case .missingField: "cache_missing_field"
        case .wrongType: "cache_wrong_type"
        case .invalidTimestamp: "cache_invalid_timestamp"
        case .lockTimedOut: "cache_lock_timed_out"
        case .lockFailed: "cache_lock_failed"
        }
    }

    /// The file concerned.
    public var file: String {
        switch self {
        case .fileSystem(let error):
            switch error {
            case .cannotCreateDirectory(let path, _), .cannotWrite(let path, _), .cannotRead(let path, _),
                .notARegularFile(let path, _), .tooLarge(let path, _, _):
                path
            }
        case .invalidJSON(let file), .notAnObject(let file), .missingField(let file, _),
            .wrongType(let file, _, _), .invalidTimestamp(let file, _, _), .lockTimedOut(let file, _),
            .lockFailed(let file, _):
            file
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .cache
    }

    public var description: String {
        let fix = "; delete it (or run `multisso login` again) to replace it"
        switch self {
        case .fileSystem(let error):
            return error.description
        case .invalidJSON(let file):
            return "The cache file \(file) is not valid JSON (truncated or corrupted)" + fix
        case .notAnObject(let file):
            return "The cache file \(file) does not hold a JSON object" + fix
        case .missingField(let file, let field):
            return "The cache file \(file) has no \"\(field)\" field" + fix
        case .wrongType(let file, let field, let expected):
            return "The field \"\(field)\" in the cache file \(file) is not \(expected)" + fix
        case .invalidTimestamp(let file, let field, let value):
            return "The field \"\(field)\" in the cache file \(file) is not an RFC 3339 timestamp with a time zone"
                + Self.quotedIfHarmless(value) + fix
        case .lockTimedOut(let file, let seconds):
            return "Another multisso process held the lock \(file) for more than \(seconds) s; "
                + "wait for it to finish (or stop it) and try again"
        case .lockFailed(let file, let reason):
            return "Cannot lock \(file): \(reason)"
        }
    }

    /// Quotes a malformed timestamp only when it looks like one (digits and date punctuation), so that a
    /// secret pasted into the wrong field is never echoed.
    static func quotedIfHarmless(_ value: String) -> String {
        let allowed = Set("0123456789-:.,+TtZz UCGM")
        guard value.count <= 40, value.allSatisfy({ allowed.contains($0) }) else { return "" }
        return ": \"\(value)\""
    }
}
