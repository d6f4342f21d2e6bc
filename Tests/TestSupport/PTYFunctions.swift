import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// posix_openpt, grantpt, unlockpt and ptsname, looked up at run time (glibc hides them from Swift):
/// what the tests that drive a program through a pseudo-terminal open it with.
public struct PTYFunctions: Sendable {
    public typealias OpenPT = @convention(c) (Int32) -> Int32
    public typealias Grant = @convention(c) (Int32) -> Int32
    public typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?

    public let openpt: OpenPT
    public let grantpt: Grant
    public let unlockpt: Grant
    public let ptsname: Name

    /// A new pseudo-terminal: the controller's and the terminal's descriptors, both open read-write
    /// and neither the caller's controlling terminal.
    public static func openPair() throws -> (controller: Int32, terminal: Int32) {
        guard let functions = load() else { throw POSIXError(.ENOSYS) }
        let controller = functions.openpt(O_RDWR | O_NOCTTY)
        guard controller >= 0, functions.grantpt(controller) == 0, functions.unlockpt(controller) == 0,
            let name = functions.ptsname(controller)
        else { throw POSIXError(.ENODEV) }
        let terminal = open(String(cString: name), O_RDWR | O_NOCTTY)
        guard terminal >= 0 else { throw POSIXError(.ENODEV) }
        return (controller, terminal)
    }

    /// The four functions from the C library, or nil where one is missing.
    public static func load() -> PTYFunctions? {
        let handle = dlopen(nil, RTLD_NOW)
        guard let openpt = dlsym(handle, "posix_openpt"), let grantpt = dlsym(handle, "grantpt"),
            let unlockpt = dlsym(handle, "unlockpt"), let ptsname = dlsym(handle, "ptsname")
        else { return nil }
        return PTYFunctions(
            openpt: unsafeBitCast(openpt, to: OpenPT.self), grantpt: unsafeBitCast(grantpt, to: Grant.self),
            unlockpt: unsafeBitCast(unlockpt, to: Grant.self), ptsname: unsafeBitCast(ptsname, to: Name.self)
        )
    }
}
