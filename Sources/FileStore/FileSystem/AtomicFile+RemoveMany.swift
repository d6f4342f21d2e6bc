import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension AtomicFile {
    /// The most threads `removeFiles(atPaths:)` removes with at once.
    static let removalThreads = 16

    /// Unlinks every path of `paths` (a missing one is not an error), several at once, and returns when
    /// all are gone. Blocks the calling thread: call it off the cooperative pool.
    ///
    /// Why several at once: freeing a file's blocks can wait for the disk (ext4 mounted with `discard`
    /// and without a journal issues the discard inside `unlink`, about a millisecond each, far more on
    /// a busy disk), and that wait happens after the folder's lock is let go, so unlinks in parallel
    /// overlap their waits: 64 old credential files go in a few milliseconds instead of tens or hundreds.
    public static func removeFiles(atPaths paths: [String]) {
        let width = min(removalThreads, (paths.count + 3) / 4)
        guard width > 1 else {
            for path in paths { unlink(path) }
            return
        }
        // A serial queue of its own each: dispatch gives each a thread of its own (an overcommitting
        // one), where a shared concurrent queue would run only as many as there are cores.
        let group = DispatchGroup()
        for first in 0..<width {
            DispatchQueue(label: "multisso.remove-files").async(group: group) {
                for index in stride(from: first, to: paths.count, by: width) { unlink(paths[index]) }
            }
        }
        group.wait()
    }
}
