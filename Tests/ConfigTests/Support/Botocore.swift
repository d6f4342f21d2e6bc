import Foundation
import SSOConfig
import Testing

/// Runs `Tests/Conformance/config/dump_config.py` with the project's test venv (or `MULTISSO_PYTHON`)
/// to learn what botocore itself reads from a config file.
enum Botocore {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: URL {
        if let override = ProcessInfo.processInfo.environment["MULTISSO_PYTHON"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.appendingPathComponent(".venv-test/bin/python")
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "no Python interpreter at \(Botocore.python.path): run `scripts/bootstrap` in the package root to create .venv-test (or set MULTISSO_PYTHON)"
        }
    }

    /// Runs the script and decodes its JSON output.
    /// Runs the script on a thread of its own: a child process waited for on the cooperative pool would
    /// starve every other test running in parallel on a 2-core machine.
    static func run<T: Decodable & Sendable>(
        _ arguments: [String], script: String = "dump_config.py", environment extra: [String: String] = [:], in folder: URL
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try runBlocking(arguments, script: script, environment: extra, in: folder) as T })
            }.start()
        }
    }

    private static func runBlocking<T: Decodable>(
        _ arguments: [String], script: String, environment extra: [String: String], in folder: URL
    ) throws -> T {
        guard FileManager.default.isExecutableFile(atPath: python.path) else { throw Missing() }
        let process = Process()
        process.executableURL = python
        process.arguments = [packageRoot.appendingPathComponent("Tests/Conformance/config/\(script)").path] + arguments
        var environment = [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8",
            "AWS_SHARED_CREDENTIALS_FILE": folder.appendingPathComponent("no-credentials").path,
            "AWS_CONFIG_FILE": folder.appendingPathComponent("no-config").path,
        ]
        environment.merge(extra) { $1 }
        process.environment = environment
        let output = Pipe()
        let errorFile = folder.appendingPathComponent("stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw ScriptFailed(script: script, status: process.terminationStatus, stderr: stderr)
        }
        return try JSONDecoder().decode(T.self, from: data)
    }

    struct ScriptFailed: Error, CustomStringConvertible {
        var script: String
        var status: Int32
        var stderr: String
        var description: String { "\(script) exited with \(status): \(stderr)" }
    }
}

/// One section as the script prints it.
struct SectionDump: Codable, Equatable, CustomStringConvertible {
    var name: String
    var entries: [EntryDump]
    var description: String { "[\(name)] " + entries.map(\.description).joined(separator: "; ") }
}

struct EntryDump: Codable, Equatable, CustomStringConvertible {
    var key: String
    var text: String?
    var sub: [[String]]?
    var description: String { "\(key)=\(text.map { $0.debugDescription } ?? "\(sub ?? [])")" }
}

/// `dump_config.py parse` output.
struct ParseDump: Codable, Equatable {
    var ok: Bool
    var raw: [SectionDump]?
    var profiles: [SectionDump]?
    var sso_sessions: [SectionDump]?
    var services: [SectionDump]?
    var other: [SectionDump]?
    var error: String?
    var line: Int?
}

extension ParseDump {
    /// multisso's reading of a document, in the script's shape.
    init(_ document: ConfigDocument) {
        func dump(_ sections: [ConfigSection], named name: (ConfigSection) -> String) -> [SectionDump] {
            sections.map { section in
                SectionDump(name: name(section), entries: section.allEntries.map { entry in
                    switch entry.value {
                    case let .text(text): EntryDump(key: entry.key, text: text)
                    case let .subsection(items): EntryDump(key: entry.key, sub: items.map { [$0.key, $0.value] })
                    }
                })
            }
        }
        self.init(
            ok: true,
            raw: dump(document.rawSections) { $0.header },
            profiles: dump(document.profileSections) { $0.id.name },
            sso_sessions: dump(document.ssoSessionSections) { $0.id.name },
            services: dump(document.servicesSections) { $0.id.name },
            other: dump(document.otherSections) { $0.header }
        )
    }
}
