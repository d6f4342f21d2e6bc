import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `AtomicFile` needs to know about its own process, read once instead of once per file: the
/// process ID (in temporary names), the effective user ID (the owner a reused spare must have) and the
/// file-creation mask (whether a file created with 0600 gets
/// 0600 without a separate `fchmod`). Thousands of credential files are written per `login --all`.
enum ProcessMask {
    /// `getpid()`, which glibc no longer caches.
    static let processID: pid_t = getpid()

    /// `geteuid()`: multisso never changes its user while it runs.
    static let effectiveUserID: uid_t = geteuid()

    /// The umask, read without changing it (`/proc/self/status`, Linux 4.7 and later); nil where it
    /// cannot be read that way, and then every new file gets an `fchmod`. Reading it with `umask(2)`
    /// would set it for a moment, racing with other threads creating files.
    static let umask: mode_t? = {
        #if os(Linux)
            guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
            for line in status.split(separator: "\n") where line.hasPrefix("Umask:") {
                let digits = line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces)
                return mode_t(digits, radix: 8)
            }
            return nil
        #else
            return nil
        #endif
    }()

    /// Whether `open(2)` with `permissions` creates the file with exactly those permissions (the umask
    /// takes none of their bits off).
    static func keeps(_ permissions: mode_t) -> Bool {
        guard let umask else { return false }
        return umask & permissions == 0
    }
}
