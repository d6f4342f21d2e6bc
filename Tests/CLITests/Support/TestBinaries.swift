import Foundation

/// Where the built `multisso` and `sso-emulator` binaries are: `$MULTISSO_BIN_DIR` (set by
/// scripts/test), else the output of `swift build --show-bin-path` run in the package root.
enum TestBinaries {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) does not exist: run `swift build` (scripts/test does) before the CLI tests" }
    }

    /// The package root (three folders above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folder holding the built products.
    static let binDirectory: URL = {
        if let dir = ProcessInfo.processInfo.environment["MULTISSO_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "build", "--show-bin-path"]
        process.currentDirectoryURL = packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return packageRoot.appendingPathComponent(".build/debug")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return URL(fileURLWithPath: path.isEmpty ? packageRoot.appendingPathComponent(".build/debug").path : path)
    }()

    static func binary(_ name: String) throws -> URL {
        let url = binDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    static func multisso() throws -> URL { try binary("multisso") }
    static func emulator() throws -> URL { try binary("sso-emulator") }

    /// The `$BROWSER` script of the demo: follows the authorization URL and its redirect with curl.
    static var browserScript: URL { packageRoot.appendingPathComponent("scripts/demo-browser") }
}
