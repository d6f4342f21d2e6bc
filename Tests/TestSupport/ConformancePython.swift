public import Foundation

/// The Python interpreter of the conformance venv (`MULTISSO_PYTHON`, else
/// `<package root>/.venv-test/bin/python`) and the scripts under Tests/Conformance.
public enum ConformancePython {
    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public init(path: String) { self.path = path }
        public var description: String {
            "no Python interpreter at \(path): run scripts/bootstrap in the package root (or set MULTISSO_PYTHON)"
        }
    }

    /// Where the interpreter should be, whether or not it is there.
    public static var path: URL {
        if let override = ProcessInfo.processInfo.environment["MULTISSO_PYTHON"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return packageRoot.appendingPathComponent(".venv-test/bin/python")
    }

    public static func interpreter() throws -> URL {
        let url = path
        guard FileManager.default.isExecutableFile(atPath: url.path) else { throw Missing(path: url.path) }
        return url
    }

    /// A script under Tests/Conformance/`folder`/.
    public static func script(_ name: String, in folder: String = "cache") -> URL {
        packageRoot.appendingPathComponent("Tests/Conformance/\(folder)/\(name)")
    }
}

/// The test process's environment without any proxy variable (`HTTPS_PROXY`, `no_proxy`, …): a proxy
/// set on the machine never reaches a child unless a test sets it.
public func inheritedEnvironment() -> [String: String] {
    ProcessInfo.processInfo.environment.filter { !$0.key.lowercased().hasSuffix("_proxy") }
}

/// Runs a program to completion with `environment` (default: ``inheritedEnvironment()``) in a
/// temporary folder, `input` as its standard input, and returns what it wrote.
public func runProcess(
    _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, input: Data? = nil,
    timeout: Duration = .seconds(120)
) async throws -> RunResult {
    try await withTemporaryDirectory { folder in
        var streams = ChildStreams.files
        var inputFile: FileHandle?
        if let input {
            let url = folder.appendingPathComponent("stdin")
            try input.write(to: url)
            inputFile = try FileHandle(forReadingFrom: url)
            streams.input = inputFile?.fileDescriptor
        }
        defer { try? inputFile?.close() }
        let child = try ChildRun(
            executable, arguments, environment: environment ?? inheritedEnvironment(), in: folder, name: "child",
            streams: streams)
        return await child.wait(timeout: timeout)
    }
}
