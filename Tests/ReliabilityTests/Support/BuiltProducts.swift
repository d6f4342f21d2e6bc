import Foundation

/// Finds the built `multisso` executable the reliability tests run as real processes:
/// `$MULTISSO_BIN_DIR` (set by scripts/test and scripts/reliability), else the folder of the running
/// test bundle (the same build, also under a sanitizer), else `.build/debug` of the package.
enum BuiltProducts {
    struct Missing: Error, CustomStringConvertible {
        var looked: [String]
        var description: String {
            "no multisso executable in \(looked.joined(separator: ", ")): run `swift build --build-tests` (or set MULTISSO_BIN_DIR)"
        }
    }

    /// The package root, from this file's path (Tests/ReliabilityTests/Support/BuiltProducts.swift).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func multisso() throws -> URL {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["MULTISSO_BIN_DIR"], !dir.isEmpty {
            candidates.append(URL(fileURLWithPath: dir, isDirectory: true))
        }
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(packageRoot.appendingPathComponent(".build/debug", isDirectory: true))
        for directory in candidates {
            let url = directory.appendingPathComponent("multisso")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw Missing(looked: candidates.map(\.path))
    }
}
