public import Foundation

/// Where the built `multisso` and `sso-emulator` binaries are: `$MULTISSO_BIN_DIR` (set by
/// scripts/test), else the folder of the running test bundle (the same build, also under a
/// sanitizer), else `.build/debug` of the package.
public enum TestBinaries {
    public struct Missing: Error, CustomStringConvertible {
        public var name: String
        public var looked: [String]
        public var description: String {
            "no \(name) executable in \(looked.joined(separator: ", ")): run `swift build --build-tests` (scripts/test does) or set MULTISSO_BIN_DIR"
        }
    }

    static let candidates: [URL] = {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["MULTISSO_BIN_DIR"], !dir.isEmpty {
            candidates.append(URL(fileURLWithPath: dir, isDirectory: true))
        }
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(packageRoot.appendingPathComponent(".build/debug", isDirectory: true))
        return candidates
    }()

    public static func binary(_ name: String) throws -> URL {
        for directory in candidates {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw Missing(name: name, looked: candidates.map(\.path))
    }

    /// The package root.
    public static var packageRoot: URL { TestSupport.packageRoot }

    /// The folder holding the built products.
    public static var binDirectory: URL {
        (try? multisso())?.deletingLastPathComponent() ?? packageRoot.appendingPathComponent(".build/debug")
    }

    public static func multisso() throws -> URL { try binary("multisso") }
    public static func emulator() throws -> URL { try binary("sso-emulator") }

    /// The `$BROWSER` script of the demo: follows the authorization URL and its redirect with curl.
    public static var browserScript: URL { packageRoot.appendingPathComponent("scripts/demo-browser") }
}
