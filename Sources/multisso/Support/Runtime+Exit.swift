import Foundation

extension Runtime {
    /// Ends the process with `status` once a command over many profiles has written all its output
    /// (every write is unbuffered: see ``Console``), without freeing what it built: the parsed config,
    /// the resolved profiles and one outcome or row per profile. The kernel takes the memory back at
    /// once, where freeing it value by value cost `login --all` and `status` at 10,000 profiles a few
    /// percent of their time.
    func exit(_ status: Int32) -> Never {
        Foundation.exit(status)
    }
}
