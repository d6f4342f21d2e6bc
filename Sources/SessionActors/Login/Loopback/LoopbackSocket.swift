#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Thin wrappers over the POSIX calls the loopback listener needs; every descriptor is created
/// close-on-exec so a spawned browser never inherits it.
enum LoopbackSocket {
    /// A non-blocking TCP socket listening on 127.0.0.1 with an ephemeral port.
    static func listenOnLoopback() throws(LoginError) -> (descriptor: Int32, port: UInt16) {
        #if canImport(Darwin)
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw .listenerUnavailable(reason: "socket: \(lastError())") }
        configure(descriptor, nonBlocking: true)
        var address = sockaddr_in()
        #if canImport(Darwin)
            address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            let reason = lastError()
            close(descriptor)
            throw .listenerUnavailable(reason: "bind 127.0.0.1:0: \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let reason = lastError()
            close(descriptor)
            throw .listenerUnavailable(reason: "getsockname: \(reason)")
        }
        return (descriptor, UInt16(bigEndian: address.sin_port))
    }

    /// A pipe whose write end wakes the listener's thread (cancellation).
    static func wakePipe() throws(LoginError) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .listenerUnavailable(reason: "pipe: \(lastError())") }
        configure(ends[0], nonBlocking: true)
        configure(ends[1], nonBlocking: true)
        return (ends[0], ends[1])
    }

    /// Wakes the listener: one byte into the pipe (async-signal-safe, never blocks).
    static func wake(_ descriptor: Int32) {
        var byte: UInt8 = 1
        _ = write(descriptor, &byte, 1)
    }

    /// Accepts one pending connection, or nil when none is waiting.
    static func acceptConnection(_ listener: Int32) -> Int32? {
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return nil }
        configure(connection, nonBlocking: true)
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
        return connection
    }

    /// Reads what is available; nil when the peer closed or the read failed, empty when nothing yet.
    static func readAvailable(_ connection: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        if count > 0 { return Array(buffer[0..<count]) }
        if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return [] }
        return nil
    }

    /// Writes all bytes, waiting at most `timeoutMilliseconds` for buffer space; best effort.
    static func sendAll(_ connection: Int32, _ bytes: [UInt8], timeoutMilliseconds: Int32 = 2000) {
        #if canImport(Darwin)
            let flags: Int32 = 0
        #else
            let flags = Int32(MSG_NOSIGNAL)
        #endif
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, flags) }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
                var entry = pollfd(fd: connection, events: Int16(POLLOUT), revents: 0)
                if poll(&entry, 1, timeoutMilliseconds) <= 0 { return }
            } else {
                return
            }
        }
    }

    static func closeDescriptor(_ descriptor: Int32) {
        _ = close(descriptor)
    }

    private static func configure(_ descriptor: Int32, nonBlocking: Bool) {
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        if nonBlocking { _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK) }
    }

    private static func lastError() -> String {
        String(cString: strerror(errno))
    }
}
