/// The file watcher's bookkeeping, with no I/O: which folder each inotify watch is on, which targets an
/// event concerns, and when the folders to watch must be worked out again (a folder on the way to a
/// target created, or a watched folder removed).
struct WatchSet {
    /// The inotify event bits the watcher uses (the values of `<sys/inotify.h>`).
    enum Bit {
        static let closeWrite: UInt32 = 0x8
        static let movedFrom: UInt32 = 0x40
        static let movedTo: UInt32 = 0x80
        static let create: UInt32 = 0x100
        static let delete: UInt32 = 0x200
        static let deleteSelf: UInt32 = 0x400
        static let moveSelf: UInt32 = 0x800
        static let overflow: UInt32 = 0x4000
        static let ignored: UInt32 = 0x8000
        static let onlyFolder: UInt32 = 0x100_0000
        /// What every watch asks for: entries written, created, deleted or renamed in or out, and the
        /// folder itself removed.
        static let watched = closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf | onlyFolder
    }

    let targets: [WatchTarget]
    /// The folder of each watch descriptor.
    private(set) var folders: [Int32: String] = [:]

    init(targets: [WatchTarget]) {
        self.targets = targets
    }

    /// The folders that should be watched now.
    func wanted(isFolder: (String) -> Bool) -> Set<String> {
        Set(targets.map { $0.watchedFolder(isFolder: isFolder) })
    }

    /// The folders watched now.
    var watched: Set<String> { Set(folders.values) }

    mutating func added(_ watch: Int32, folder: String) { folders[watch] = folder }

    mutating func removed(_ watch: Int32) { folders[watch] = nil }

    /// What a batch of events means: the targets that changed, and whether the folders to watch must be
    /// worked out again.
    mutating func interpret(_ events: [InotifyEvent]) -> (changed: Set<WatchTarget>, replan: Bool) {
        var changed: Set<WatchTarget> = []
        var replan = false
        for event in events {
            if event.mask & Bit.overflow != 0 {
                // Events were lost: anything may have changed.
                changed.formUnion(targets)
                replan = true
                continue
            }
            guard let folder = folders[event.watch] else { continue }
            if event.mask & Bit.ignored != 0 {
                folders[event.watch] = nil
                replan = true
                continue
            }
            if event.mask & (Bit.deleteSelf | Bit.moveSelf) != 0 {
                changed.formUnion(targets.filter { $0.folder == folder })
                replan = true
                continue
            }
            for target in targets {
                if target.folder == folder && target.matches(event.name) {
                    changed.insert(target)
                } else if target.isOnTheWay(event.name, in: folder) {
                    replan = true
                }
            }
        }
        return (changed, replan)
    }
}
