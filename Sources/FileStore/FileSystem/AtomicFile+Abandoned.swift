public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// Removes the temporary files in `directory` (`.NAME.PID.N.tmp`, as `write` names them) left by
    /// writers that died mid-write (`kill -9`, power loss), so that they neither pile up nor keep a
    /// secret on disk. A temporary file is removed only when its process no longer exists; ours and any
    /// live process's are left alone. Commands call this once per cache folder (not every write: a
    /// folder of thousands of credential files would be listed thousands of times).
    public static func removeAbandonedTemporaries(in directory: URL) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        let ownPID = getpid()
        for name in names where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            // ".", target name (which may contain dots), ".", pid, ".", random UInt32, ".tmp"
            let parts = name.dropLast(".tmp".count).split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 4, let random = parts.last, let pidText = parts.dropLast().last,
                random.allSatisfy(\.isASCII), UInt32(random) != nil,
                pidText.allSatisfy(\.isASCII), let pid = pid_t(pidText), pid > 0, pid != ownPID
            else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                _ = unlink(directory.appendingPathComponent(name).path)
            }
        }
    }
}
