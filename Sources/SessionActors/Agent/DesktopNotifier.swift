import Foundation
import ParallelExec

/// Tells the person at the desktop what needs them (a login before a session ends): `notify-send` on
/// Linux desktops, `osascript` on macOS, nothing where neither exists. Never carries a secret.
public struct DesktopNotifier: Sendable {
    let environment: [String: String]

    /// - Parameter environment: the process environment (PATH, DISPLAY, DBUS_SESSION_BUS_ADDRESS).
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Shows `message` under the title "multisso"; false when no notifier could be started.
    @discardableResult
    public func notify(_ message: String) async -> Bool {
        if let notifySend = find("notify-send") {
            return await ProcessSpawner.spawnDetached(
                executable: notifySend, arguments: ["multisso", message], environment: environment)
        }
        if let osascript = find("osascript") {
            let quoted = message.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            let script = "display notification \"\(quoted)\" with title \"multisso\""
            return await ProcessSpawner.spawnDetached(
                executable: osascript, arguments: ["-e", script], environment: environment)
        }
        return false
    }

    private func find(_ name: String) -> String? {
        ExecutableSearch.candidates(for: name, environment: environment).first(where: ExecutableSearch.isExecutableFile)
    }
}
