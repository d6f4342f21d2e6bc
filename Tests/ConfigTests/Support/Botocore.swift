import Foundation
import SSOConfig
import TestSupport
import Testing

/// Runs `Tests/Conformance/config/dump_config.py` with the project's test venv (or `MULTISSO_PYTHON`)
/// to learn what botocore itself reads from a config file.
enum Botocore {
    /// Runs the script and decodes its JSON output.
    static func run<T: Decodable & Sendable>(
        _ arguments: [String], script: String = "dump_config.py", environment extra: [String: String] = [:],
        in folder: URL
    ) async throws -> T {
        let python = try ConformancePython.interpreter()
        var environment = [
            "PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8",
            "AWS_SHARED_CREDENTIALS_FILE": folder.appendingPathComponent("no-credentials").path,
            "AWS_CONFIG_FILE": folder.appendingPathComponent("no-config").path,
        ]
        environment.merge(extra) { $1 }
        let result = try await runProcess(
            python, [ConformancePython.script(script, in: "config").path] + arguments, environment: environment)
        guard result.status == 0 else {
            throw ScriptFailed(script: script, status: result.status, stderr: result.stderr)
        }
        return try JSONDecoder().decode(T.self, from: Data(result.stdout.utf8))
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
                SectionDump(
                    name: name(section),
                    entries: section.allEntries.map { entry in
                        switch entry.value {
                        case .text(let text): EntryDump(key: entry.key, text: text)
                        case .subsection(let items): EntryDump(key: entry.key, sub: items.map { [$0.key, $0.value] })
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
