import Foundation

/// The git commit of an installed binary. SwiftPM has no clean way to compile a value computed at
/// build time into the binary without a plugin that runs git on every build, so `scripts/install`
/// writes the commit it built from to `PREFIX/share/multisso/build-commit`, beside `PREFIX/bin`; a
/// binary anywhere else reports "unknown commit".
extension MultiSSOVersion {
    /// Where `scripts/install` records the commit, relative to the binary's folder.
    static let commitFile = "../share/multisso/build-commit"

    /// `multisso 0.1.0 (commit 1a2b3c4d5e6f)` or `multisso 0.1.0 (unknown commit)`.
    static func describe() -> String {
        "multisso \(current) (\(commit().map { "commit \($0)" } ?? "unknown commit"))"
    }

    static func commit() -> String? {
        guard let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() else { return nil }
        let file = executable.deletingLastPathComponent().appendingPathComponent(commitFile).standardizedFileURL
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let commit = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let valid =
            !commit.isEmpty && commit.count <= 64
            && commit.allSatisfy { $0.isHexDigit || $0 == "-" || $0.isLetter }
        return valid ? commit : nil
    }
}
