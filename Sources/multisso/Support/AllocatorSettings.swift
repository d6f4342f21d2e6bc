import FileStore

/// The C allocator's settings for a command that reads a large config and works over thousands of
/// profiles: set once, before the config is read.
enum AllocatorSettings {
    /// Fixes glibc's trim threshold at its default, 128 KiB, which turns off its sliding thresholds.
    /// Otherwise, once a large block is freed (the config file's bytes, an array of 10,000 entries),
    /// glibc raises its mmap and trim thresholds (up to 32 MiB): later large blocks come from the heap
    /// instead of their own mappings, and what is freed after the config is parsed stays resident
    /// (`login --all` at 10,000 profiles peaks about 5 MiB higher).
    /// `mallopt` is looked up at run time: Swift's Glibc module leaves out `malloc.h`.
    static func apply() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD in malloc.h
            guard let mallopt = CFunctionLookup.function(CFunctionLookup.address(of: "mallopt"), as: Mallopt.self)
            else { return }
            _ = mallopt(trimThreshold, 128 * 1024)
        #endif
    }
}
