import Foundation

/// A finished process: its exit status (128 + signal when killed) and everything it wrote.
public struct RunResult: Sendable, CustomStringConvertible {
    public var arguments: [String]
    public var pid: Int32
    public var status: Int32
    /// The signal that ended it, nil when it exited.
    public var signal: Int32?
    public var stdout: String
    public var stderr: String
    public var seconds: Double
    /// Whether it was killed because it outlived the wait's timeout.
    public var timedOut: Bool

    public var signalled: Bool { signal != nil }
    /// Exited 0 in time.
    public var succeeded: Bool { !signalled && status == 0 && !timedOut }

    public var description: String {
        "`\(arguments.joined(separator: " "))` exited \(status)\(timedOut ? " (timed out)" : "") after "
            + "\(String(format: "%.1f", seconds))s\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)"
    }
}
