#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The paths tried, in order, for a `ChildCommand`'s executable: a path is its own only
/// candidate; a name is joined to each absolute directory on the `PATH` of the child's
/// environment (the parent's `PATH` when the child has none, then the system default). The
/// current directory is never searched, as `execvp` would.
package enum ExecutableSearch {
    /// Used when neither the child's environment nor the parent's defines `PATH` (glibc's `_CS_PATH`).
    package static let defaultPath = "/bin:/usr/bin"

    package static func candidates(for executable: String, environment: [String: String]) -> [String] {
        if executable.contains("/") { return [executable] }
        let pathValue = environment["PATH"] ?? getenv("PATH").map { String(cString: $0) } ?? defaultPath
        var seen = Set<String>()
        return pathValue.split(separator: ":").compactMap { directory in
            guard directory.hasPrefix("/") else { return nil }
            let candidate = directory.hasSuffix("/") ? "\(directory)\(executable)" : "\(directory)/\(executable)"
            return seen.insert(candidate).inserted ? candidate : nil
        }
    }

    /// Whether `path` is a regular file we may execute: checked before spawning, so a miss on
    /// `PATH` costs a `stat`, not a whole spawn that fails in the child.
    package static func isExecutableFile(_ path: String) -> Bool {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & numericCast(S_IFMT)) == numericCast(S_IFREG) else {
            return false
        }
        return access(path, X_OK) == 0
    }
}
