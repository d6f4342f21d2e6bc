/// Why the emulator could not start or could not read its input; thrown by `withEmulator` and
/// ``EmulatorDirectory/load(from:)``.
public enum EmulatorError: Error, Sendable, Equatable, CustomStringConvertible {
    case directoryUnreadable(path: String, reason: String)
    case invalidDirectory(path: String, reason: String)
    case invalidConfiguration(reason: String)
    case couldNotStart(reason: String)

    /// A short stable identifier for scripts and JSON output.
    public var code: String {
        switch self {
        case .directoryUnreadable: "directory-unreadable"
        case .invalidDirectory: "invalid-directory"
        case .invalidConfiguration: "invalid-configuration"
        case .couldNotStart: "could-not-start"
        }
    }

    public var description: String {
        switch self {
        case .directoryUnreadable(let path, let reason):
            "Cannot read the directory file \(path): \(reason)."
        case .invalidDirectory(let path, let reason):
            "The directory file \(path) is invalid: \(reason). See `sso-emulator --help` for its format."
        case .invalidConfiguration(let reason):
            "Invalid emulator configuration: \(reason)."
        case .couldNotStart(let reason):
            "The emulator could not start its server on 127.0.0.1: \(reason)."
        }
    }
}
