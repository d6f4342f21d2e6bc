import Foundation

/// One thing the agent watches for changes: a file by its folder and name (the config file, which
/// editors replace by a rename), or the entries of a folder ending in a suffix (the token cache, where
/// a logout deletes a file). The folder need not exist yet: its deepest existing ancestor is watched
/// until it is created.
struct WatchTarget: Sendable, Hashable {
    /// Which entries of the folder count.
    enum Entries: Sendable, Hashable {
        case named(String)
        case suffix(String)
    }

    /// The folder's path, standardized (absolute, no `..`, no trailing slash).
    let folder: String
    let entries: Entries

    /// A file: its folder, and its name.
    init(file: URL) {
        folder = file.deletingLastPathComponent().standardizedFileURL.path
        entries = .named(file.lastPathComponent)
    }

    /// The entries of `folder` whose names end with `suffix`.
    init(folder: URL, suffix: String) {
        self.folder = folder.standardizedFileURL.path
        entries = .suffix(suffix)
    }

    /// Whether an entry called `name` in the folder is one of those watched.
    func matches(_ name: String) -> Bool {
        switch entries {
        case .named(let wanted): name == wanted
        case .suffix(let suffix): name.hasSuffix(suffix)
        }
    }

    /// The folder to watch now: the target's folder when it exists, else its deepest existing ancestor
    /// (where the next missing component will appear).
    func watchedFolder(isFolder: (String) -> Bool) -> String {
        var path = folder
        while !isFolder(path) && path != "/" && !path.isEmpty {
            path = (path as NSString).deletingLastPathComponent
        }
        return path.isEmpty ? "/" : path
    }

    /// Whether `name` appearing in (or leaving) the ancestor `watched` is the next component on the way to
    /// the folder, so the folders to watch must be worked out again.
    func isOnTheWay(_ name: String, in watched: String) -> Bool {
        let prefix = watched == "/" ? "/" : watched + "/"
        guard folder.hasPrefix(prefix) else { return false }
        return folder.dropFirst(prefix.count).split(separator: "/").first.map(String.init) == name
    }
}
