import Foundation

/// The few facts about the machine that headless detection and executable lookup read from the
/// file system, behind closures so that tests can describe any machine.
public struct SystemProbe: Sendable {
    /// Whether a path exists.
    public var fileExists: @Sendable (String) -> Bool
    /// The contents of a small text file, or nil.
    public var readFile: @Sendable (String) -> String?
    /// Whether a path is an executable regular file.
    public var isExecutable: @Sendable (String) -> Bool

    public init(
        fileExists: @escaping @Sendable (String) -> Bool,
        readFile: @escaping @Sendable (String) -> String?,
        isExecutable: @escaping @Sendable (String) -> Bool
    ) {
        self.fileExists = fileExists
        self.readFile = readFile
        self.isExecutable = isExecutable
    }

    /// The real machine.
    public static let live = SystemProbe(
        fileExists: { FileManager.default.fileExists(atPath: $0) },
        readFile: { path in
            guard let data = FileManager.default.contents(atPath: path), data.count < 1_000_000 else { return nil }
            return String(decoding: data, as: UTF8.self)
        },
        isExecutable: { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        }
    )

    /// Finds a command on `PATH` (from the injected environment), or returns it as is when it has a `/`.
    public func findExecutable(_ command: String, path: String?) -> String? {
        if command.contains("/") { return isExecutable(command) ? command : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(command)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// Running inside a container (Docker, Podman, Kubernetes, other cgroup-based runtimes).
    func isContainer(_ variables: [String: String]) -> Bool {
        if fileExists("/.dockerenv") || fileExists("/run/.containerenv") { return true }
        if let kind = variables["container"], !kind.isEmpty { return true }
        if let host = variables["KUBERNETES_SERVICE_HOST"], !host.isEmpty { return true }
        guard let cgroup = readFile("/proc/1/cgroup") else { return false }
        return ["docker", "kubepods", "containerd", "libpod", "lxc"].contains { cgroup.contains($0) }
    }

    /// Running under Windows Subsystem for Linux.
    func isWSL(_ variables: [String: String]) -> Bool {
        if let name = variables["WSL_DISTRO_NAME"], !name.isEmpty { return true }
        if let interop = variables["WSL_INTEROP"], !interop.isEmpty { return true }
        let version = (readFile("/proc/sys/kernel/osrelease") ?? "") + (readFile("/proc/version") ?? "")
        return version.lowercased().contains("microsoft")
    }
}
