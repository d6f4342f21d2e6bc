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
    static var pipe2: Pipe2? { function(pipe2Address, as: Pipe2.self) }
    /// `posix_spawn_file_actions_addchdir_np(actions, path)` (glibc 2.29).
    static var addChdir: AddChdir? { function(addChdirAddress, as: AddChdir.self) }
    /// `posix_spawn_file_actions_addclosefrom_np(actions, lowest)` (glibc 2.34).
    static var addClosefrom: AddClosefrom? { function(addClosefromAddress, as: AddClosefrom.self) }

    // Kept as plain addresses: a C function pointer type is not `Sendable`, an integer is.
    private static let pipe2Address = address(of: "pipe2")
    private static let addChdirAddress = address(of: "posix_spawn_file_actions_addchdir_np")
    private static let addClosefromAddress = address(of: "posix_spawn_file_actions_addclosefrom_np")

    private static func address(of name: String) -> Int? {
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(process) }
        return dlsym(process, name).map { Int(bitPattern: $0) }
    }

    private static func function<Function>(_ address: Int?, as type: Function.Type) -> Function? {
        guard let address, let pointer = UnsafeRawPointer(bitPattern: address) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
}
