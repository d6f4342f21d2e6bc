#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds C library functions that the Swift `Glibc` module does not declare (behind `_GNU_SOURCE`, or in
/// headers it leaves out), by symbol, so they can be called with their C signatures where they exist.
public enum CFunctionLookup {
    /// The function's address as a plain integer (a C function pointer type is not `Sendable`, an integer
    /// is), or nil when the C library lacks it.
    public static func address(of name: String) -> Int? {
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        defer { dlclose(process) }
        return dlsym(process, name).map { Int(bitPattern: $0) }
    }

    /// The function at `address` as a C function type.
    public static func function<Function>(_ address: Int?, as type: Function.Type) -> Function? {
        guard let address, let pointer = UnsafeRawPointer(bitPattern: address) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }
}
