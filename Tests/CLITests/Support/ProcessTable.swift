import Foundation

/// Whether processes are still alive, from /proc: a zombie (exited, not yet reaped by whoever inherited
/// it) counts as gone, since it runs nothing and holds nothing.
enum ProcessTable {
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first
        return state != "Z" && state != "X"
    }

    /// The PIDs written one per file (`*.pid`-like) in `folder`.
    static func pids(in folder: URL, suffix: String) -> [Int32] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(suffix) }
            .compactMap { name in
                (try? String(contentsOfFile: folder.appendingPathComponent(name).path, encoding: .utf8))
                    .flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
    }
}
