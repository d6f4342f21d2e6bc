import Foundation

#if os(Linux)
    import Glibc
#endif

/// Tells the agent when the config file or the token cache changes, so it re-reads them at once
/// instead of re-checking on a timer: an inotify watch on each target's folder (or, while a folder does
/// not exist, on its deepest existing ancestor), read on a thread of its own. A burst of events (an
/// editor's temporary file, write and rename) is reported once, after `quiet` without another event.
/// Where inotify does not exist (macOS) it reports nothing and says so, and the agent re-checks periodically.
enum FileChangeWatcher {
    /// Runs `body` with the targets watched, `changed` called with the targets that changed after each
    /// burst; `body` is told whether changes are reported at all.
    static func with<Result>(
        _ targets: [WatchTarget], quiet: Duration = .milliseconds(50),
        changed: @escaping @Sendable (Set<WatchTarget>) -> Void, body: (Bool) async throws -> Result
    ) async throws -> Result {
        #if os(Linux)
            let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard descriptor >= 0 else { return try await body(false) }
            let quietMilliseconds = Int32(clamping: Int(quiet.seconds * 1000))
            // The first watches are in place before `body` runs, so nothing it does goes unnoticed.
            var initial = WatchSet(targets: targets)
            update(&initial, descriptor: descriptor)
            let planned = initial
            let reader: @Sendable (BlockingThread) -> Void = { thread in
                var watches = planned
                while thread.wait() == .readable {
                    var burst: Set<WatchTarget> = []
                    var next = BlockingThread.Wait.readable
                    while next == .readable {
                        burst.formUnion(drain(&watches, descriptor: thread.descriptor))
                        next = thread.wait(milliseconds: quietMilliseconds)
                    }
                    if !burst.isEmpty { changed(burst) }
                    if next == .stopped { return }
                }
            }
            return try await BlockingThread.with(descriptor: descriptor, thread: reader) {
                try await body(true)
            }
        #else
            return try await body(false)
        #endif
    }

    #if os(Linux)
        /// Reads what is pending, and re-plans the watches when a folder appeared or went.
        private static func drain(_ watches: inout WatchSet, descriptor: Int32) -> Set<WatchTarget> {
            var changed: Set<WatchTarget> = []
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16_384, alignment: 8)
            defer { buffer.deallocate() }
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                let (now, replan) = watches.interpret(
                    InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[..<count])))
                changed.formUnion(now)
                if replan { changed.formUnion(update(&watches, descriptor: descriptor)) }
            }
            return changed
        }

        /// Adds and removes watches so that each target's folder (or its deepest existing ancestor) is
        /// watched; returns the targets whose own folder is newly watched (created with its files, maybe).
        /// Worked out again after each change, so a folder made just before its parent's watch was added
        /// (`mkdir -p`) is not missed.
        @discardableResult
        private static func update(_ watches: inout WatchSet, descriptor: Int32) -> Set<WatchTarget> {
            let before = watches.watched
            for _ in 0..<16 {
                let wanted = watches.wanted(isFolder: isFolder)
                if wanted == watches.watched { break }
                for (watch, folder) in watches.folders where !wanted.contains(folder) {
                    inotify_rm_watch(descriptor, watch)
                    watches.removed(watch)
                }
                for folder in wanted where !watches.watched.contains(folder) {
                    let watch = inotify_add_watch(descriptor, folder, WatchSet.Bit.watched)
                    if watch >= 0 { watches.added(watch, folder: folder) }
                }
            }
            return Set(watches.targets.filter { !before.contains($0.folder) && watches.watched.contains($0.folder) })
        }

        private static func isFolder(_ path: String) -> Bool {
            var status = stat()
            return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
        }
    #endif
}
