public import Foundation

/// A throw-away HOME with an `.aws` folder, inside a folder of its own that also holds what the
/// test's child processes write: what every test that reads or writes `~/.aws` starts from.
public struct SandboxHome: Sendable {
    /// The folder holding everything; removed at the end of ``withSandboxHome(_:)``.
    public let root: URL
    /// `$HOME`: `root/home`, with `.aws` in it.
    public let home: URL

    init(root: URL) throws {
        self.root = root
        home = root.appendingPathComponent("home", isDirectory: true)
        try FileManager.default.createDirectory(at: awsFolder, withIntermediateDirectories: true)
    }

    public var awsFolder: URL { home.appendingPathComponent(".aws", isDirectory: true) }
    public var configFile: URL { awsFolder.appendingPathComponent("config") }
    public var ssoCache: URL { awsFolder.appendingPathComponent("sso/cache", isDirectory: true) }
    public var cliCache: URL { awsFolder.appendingPathComponent("cli/cache", isDirectory: true) }

    /// Replaces ~/.aws/config with `text` (atomically: a process may be reading it).
    public func writeConfig(_ text: String) throws {
        try Data(text.utf8).write(to: configFile, options: .atomic)
    }

    /// ~/.aws/config as it is now.
    public func config() throws -> String {
        String(decoding: try Data(contentsOf: configFile), as: UTF8.self)
    }
}

/// Runs `body` with a fresh ``SandboxHome``, removed afterwards whatever happens.
public func withSandboxHome<T>(_ body: (SandboxHome) async throws -> T) async throws -> T {
    try await withTemporaryDirectory { root in try await body(try SandboxHome(root: root)) }
}

/// The synchronous form of ``withSandboxHome(_:)``.
public func withSandboxHome<T>(_ body: (SandboxHome) throws -> T) throws -> T {
    try withTemporaryDirectory { root in try body(try SandboxHome(root: root)) }
}
