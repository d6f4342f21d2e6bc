import Foundation

/// Finds the Python interpreter of the conformance venv: `MULTISSO_PYTHON`, else
/// `<package root>/.venv-test/bin/python`.
enum ConformancePython {
    struct Missing: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "no Python interpreter at \(path): run scripts/bootstrap in the package root (or set MULTISSO_PYTHON)"
        }
    }

    static func interpreter() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["MULTISSO_PYTHON"], !override.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: override) else { throw Missing(path: override) }
            return URL(fileURLWithPath: override)
        }
        let url = packageRoot().appendingPathComponent(".venv-test/bin/python")
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    /// A script under Tests/Conformance/cache/.
    static func script(_ name: String) -> URL {
        packageRoot().appendingPathComponent("Tests/Conformance/cache/\(name)")
    }
}

/// The outcome of a finished child process.
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The test process's environment without any proxy variable (`HTTPS_PROXY`, `no_proxy`, …): a proxy
/// set on the machine never reaches a child unless a test sets it.
func inheritedEnvironment() -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
}

/// Runs a program to completion with the given environment, collecting its output.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) async throws
    -> ProcessOutput
{
    // The whole run (reads and wait) happens on threads of its own, never on the cooperative pool.
    let (status, outData, errData) = try await onThread { () throws -> (Int32, Data, Data) in
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment ?? inheritedEnvironment()
        // Standard error goes to a file, so one thread can drain standard output without a deadlock.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("multisso-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, outData, (try? Data(contentsOf: errorFile)) ?? Data())
    }
    return ProcessOutput(
        status: status,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self)
    )
}

