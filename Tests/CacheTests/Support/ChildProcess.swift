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

/// Runs a program to completion with the given environment, collecting its output.
func runProcess(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil) async throws
    -> ProcessOutput
{
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read both pipes off the cooperative pool so a chatty child never blocks on a full pipe.
    async let stdout = Task.detached { out.fileHandleForReading.readDataToEndOfFile() }.value
    async let stderr = Task.detached { err.fileHandleForReading.readDataToEndOfFile() }.value
    let (outData, errData) = await (stdout, stderr)
    process.waitUntilExit()
    return ProcessOutput(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self)
    )
}
