public import FailureKinds

/// A file-system operation on one of the AWS files failed; says which file, what was attempted and why.
public enum FileSystemError: ClassifiedError, Sendable, Equatable, CustomStringConvertible {
    /// A folder could not be created or has the wrong type.
    case cannotCreateDirectory(path: String, reason: String)
    /// The file could not be written; nothing at `path` was changed.
    case cannotWrite(path: String, reason: String)
    /// The file could not be read.
    case cannotRead(path: String, reason: String)
    /// The path is not a regular file (a folder, a link, a device), so it was neither read nor written.
    case notARegularFile(path: String, kind: String)
    /// The file is larger than any file of its kind should be.
    case tooLarge(path: String, size: Int, limit: Int)

    /// A short stable identifier for JSON output and exit-code mapping.
    public var code: String {
        switch self {
        case .cannotCreateDirectory: "cannot_create_directory"
        case .cannotWrite: "cannot_write"
        case .cannotRead: "cannot_read"
        case .notARegularFile: "not_a_regular_file"
        case .tooLarge: "too_large"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        .cache
    }

    public var description: String {
        switch self {
        case .cannotCreateDirectory(let path, let reason):
            "cannot create the folder \(path): \(reason)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason); the file was left as it was"
        case .cannotRead(let path, let reason):
            "cannot read \(path): \(reason)"
        case .notARegularFile(let path, let kind):
            "\(path) is \(kind), not a regular file; move it out of the way and try again"
        case .tooLarge(let path, let size, let limit):
            "\(path) is \(size) bytes, more than the \(limit) bytes such a file can be; it was not read"
        }
    }
}
