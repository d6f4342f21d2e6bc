import Foundation
import TestSupport
import Testing

/// `multisso --version` and the parts of `scripts/install` that need no release build: the recorded
/// commit beside an installed binary, `--uninstall`, and usage errors. (The release build itself is
/// exercised by running the script: too slow for a test.)
@Suite("CLI --version and scripts/install")
struct InstallScriptTests {
    static func run(_ executable: URL, _ arguments: [String], in folder: URL) async throws -> RunResult {
        try await ChildRun(
            executable, arguments, environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"],
            in: folder, name: "run-\(UUID().uuidString.prefix(8))"
        ).wait(timeout: .seconds(60))
    }

    static func withFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
        try await withTemporaryDirectory(body)
    }

    @Test("--version prints the version and the commit recorded beside an installed binary, else unknown commit")
    func version() async throws {
        try await Self.withFolder { folder in
            let plain = try await Self.run(try TestBinaries.multisso(), ["--version"], in: folder)
            #expect(plain.status == 0 && plain.stdout == "multisso 0.1.0 (unknown commit)\n", "\(plain)")
            let bin = folder.appendingPathComponent("prefix/bin")
            let share = folder.appendingPathComponent("prefix/share/multisso")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
            let installed = bin.appendingPathComponent("multisso")
            do {
                try FileManager.default.linkItem(at: try TestBinaries.multisso(), to: installed)
            } catch {
                try FileManager.default.copyItem(at: try TestBinaries.multisso(), to: installed)  // another file system
            }
            try "1a2b3c4d5e6f-modified\n".write(
                to: share.appendingPathComponent("build-commit"), atomically: true, encoding: .utf8)
            let recorded = try await Self.run(installed, ["--version"], in: folder)
            #expect(recorded.stdout == "multisso 0.1.0 (commit 1a2b3c4d5e6f-modified)\n", "\(recorded)")
        }
    }

    @Test("--uninstall removes exactly the installed files; an unknown option is a usage error")
    func uninstall() async throws {
        try await Self.withFolder { folder in
            let prefix = folder.appendingPathComponent("prefix")
            let files = [
                "bin/multisso", "share/bash-completion/completions/multisso", "share/zsh/site-functions/_multisso",
                "share/fish/vendor_completions.d/multisso.fish", "share/man/man1/multisso.1",
                "share/multisso/build-commit",
            ]
            let other = prefix.appendingPathComponent("bin/other-tool")
            for path in files + ["bin/other-tool"] {
                let url = prefix.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try "x".write(to: url, atomically: true, encoding: .utf8)
            }
            let script = TestBinaries.packageRoot.appendingPathComponent("scripts/install")
            let result = try await Self.run(script, ["--uninstall", "--prefix", prefix.path], in: folder)
            #expect(result.status == 0, "\(result)")
            for path in files {
                #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent(path).path), "\(path)")
            }
            #expect(FileManager.default.fileExists(atPath: other.path))
            #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("share/multisso").path))
            let bad = try await Self.run(script, ["--frobnicate"], in: folder)
            #expect(bad.status == 64 && bad.stderr.contains("usage: scripts/install"), "\(bad)")
        }
    }
}
