import FileStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// glibc functions `PosixSpawn` needs that the Swift `Glibc` module does not declare (they sit
/// behind `_GNU_SOURCE`), looked up once by symbol and called with their C signatures. Each is
/// nil when the C library lacks the function (glibc before 2.29 or 2.34).
enum GlibcExtensions {
    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    /// `pipe2(fds, flags)`.
    static var pipe2: Pipe2? { CFunctionLookup.function(pipe2Address, as: Pipe2.self) }
    /// `posix_spawn_file_actions_addchdir_np(actions, path)` (glibc 2.29).
    static var addChdir: AddChdir? { CFunctionLookup.function(addChdirAddress, as: AddChdir.self) }
    /// `posix_spawn_file_actions_addclosefrom_np(actions, lowest)` (glibc 2.34).
    static var addClosefrom: AddClosefrom? { CFunctionLookup.function(addClosefromAddress, as: AddClosefrom.self) }

    // Kept as plain addresses: a C function pointer type is not `Sendable`, an integer is.
    private static let pipe2Address = CFunctionLookup.address(of: "pipe2")
    private static let addChdirAddress = CFunctionLookup.address(of: "posix_spawn_file_actions_addchdir_np")
    private static let addClosefromAddress = CFunctionLookup.address(of: "posix_spawn_file_actions_addclosefrom_np")
}
