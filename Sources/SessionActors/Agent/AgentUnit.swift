public import FileStore
public import Foundation

/// The service definition that runs `multisso agent` at login: a systemd user unit on Linux (written by
/// `agent --install`); the launchd property list for macOS is documented in the README.
public enum AgentUnit {
    /// `~/.config/systemd/user/multisso-agent.service` (or under `$XDG_CONFIG_HOME`).
    public static func systemdLocation(_ environment: AWSEnvironment) -> URL {
        let base =
            environment.variables["XDG_CONFIG_HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? environment.home.appendingPathComponent(".config", isDirectory: true)
        return base.appendingPathComponent("systemd/user/multisso-agent.service")
    }

    /// The unit text for `executable` run with `arguments` (each quoted for systemd).
    public static func systemdUnit(executable: String, arguments: [String]) -> String {
        let command = ([executable] + arguments).map(quoted).joined(separator: " ")
        return """
            [Unit]
            Description=multisso agent: keeps AWS IAM Identity Center tokens and role credentials fresh
            After=network-online.target

            [Service]
            ExecStart=\(command)
            Restart=on-failure
            RestartSec=30

            [Install]
            WantedBy=default.target

            """
    }

    /// Writes the unit (0644, folders 0755); returns where.
    /// - Throws: `FileSystemError` when it cannot be written.
    public static func installSystemd(_ environment: AWSEnvironment, executable: String, arguments: [String])
        throws(FileSystemError) -> URL
    {
        let location = systemdLocation(environment)
        let text = systemdUnit(executable: executable, arguments: arguments)
        try AtomicFile.write(Data(text.utf8), to: location, permissions: 0o644, directoryPermissions: 0o755)
        return location
    }

    private static func quoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }
        if plain && !word.isEmpty { return word.replacingOccurrences(of: "%", with: "%%") }
        let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "%", with: "%%")
        return "\"\(escaped)\""
    }
}
