#if !canImport(Darwin)
    #if canImport(Glibc)
        import Glibc
    #elseif canImport(Musl)
        import Musl
    #endif

    /// A C library function that Swift's Glibc module does not import (declared only for
    /// `_GNU_SOURCE`), looked up by name in the running process; nil when this C library lacks it.
    enum GNUSymbol {
        static func address(of name: String) -> UnsafeRawPointer? {
            guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, name) else { return nil }
            return UnsafeRawPointer(symbol)
        }
    }
#endif
