public import FailureKinds

/// Why a credential server could not start; every message says what to do.
public enum CredentialServerError: ClassifiedError, Sendable, CustomStringConvertible {
    /// A non-loopback address without the explicit permission.
    case nonLoopbackRefused(host: String)
    /// The address could not be bound (in use, not an address of this machine).
    case cannotListen(host: String, port: Int, reason: String)
    /// The token file cannot be used.
    case tokenFile(path: String, problem: String)

    /// A short stable identifier for JSON output and exit codes.
    public var code: String {
        switch self {
        case .nonLoopbackRefused: "non_loopback_refused"
        case .cannotListen: "cannot_listen"
        case .tokenFile: "token_file"
        }
    }

    /// The kind of this failure, for the exit status and the reports that carry it.
    public var failureKind: FailureKind {
        switch self {
        case .nonLoopbackRefused: .usage
        case .cannotListen, .tokenFile: .configuration
        }
    }

    public var description: String {
        switch self {
        case .nonLoopbackRefused(let host):
            "refusing to listen on \(host), which is not a loopback address: anyone who can reach it could try the token; "
                + "listen on 127.0.0.1 (the default), or pass --allow-non-loopback if you really mean it"
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason); choose another --port (0 picks a free one)"
        case .tokenFile(let path, let problem):
            "the token file \(path) \(problem)"
        }
    }
}
