#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Puts a terminal into raw mode (no line buffering, no echo, Ctrl-C arriving as a byte) for
/// the length of one call, and restores the saved settings on every way out: return, throw or
/// cancellation.
enum RawMode {
    /// Runs `body` with `fileDescriptor` in raw mode.
    static func with<T>(
        _ fileDescriptor: Int32, _ body: () async throws(TerminalError) -> T
    ) async throws(TerminalError) -> T {
        var saved = termios()
        guard tcgetattr(fileDescriptor, &saved) == 0 else { throw .ioFailed(operation: "tcgetattr", errno: errno) }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
        withUnsafeMutableBytes(of: &raw.c_cc) { controls in
            controls[Int(VMIN)] = 1
            controls[Int(VTIME)] = 0
        }
        // TCSANOW keeps keys typed ahead; output processing (OPOST) stays on so "\n" still works.
        guard tcsetattr(fileDescriptor, TCSANOW, &raw) == 0 else {
            throw .ioFailed(operation: "tcsetattr", errno: errno)
        }
        defer { _ = tcsetattr(fileDescriptor, TCSANOW, &saved) }
        return try await body()
    }
}
