import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The blocking-socket plumbing of ``TunnelProxy``: listen, connect, read a request head, relay.
enum ProxySocket {
    /// Why the proxy could not start.
    struct Failure: Error, CustomStringConvertible {
        var step: String
        var code: Int32
        var description: String { "test proxy: \(step) failed: \(String(cString: strerror(code)))" }
    }

    #if canImport(Darwin)
        static let stream = SOCK_STREAM
        /// `send` flags: Darwin sockets get `SO_NOSIGPIPE` instead (``noSigPipe(_:)``).
        static let noSignal: Int32 = 0
    #else
        static let stream = Int32(SOCK_STREAM.rawValue)
        /// `send` flags: a peer that is gone is an error, not a SIGPIPE that ends the test process.
        static let noSignal = Int32(MSG_NOSIGNAL)
    #endif

    /// A blocking TCP socket listening on 127.0.0.1 with an ephemeral port.
    static func listenOnLoopback() throws -> (descriptor: Int32, port: Int) {
        try bindLoopback(port: 0, listening: true, reuseAddress: false)
    }

    /// A TCP socket bound to 127.0.0.1:`port` (0: an ephemeral one), listening or not.
    static func bindLoopback(port: Int, listening: Bool, reuseAddress: Bool) throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, stream, 0)
        guard descriptor >= 0 else { throw Failure(step: "socket", code: errno) }
        var one: Int32 = 1
        if reuseAddress { setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        address.sin_port = in_port_t(UInt16(clamping: port)).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && (!listening || listen(descriptor, 64) == 0)
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            let code = errno
            close(descriptor)
            throw Failure(step: "bind 127.0.0.1:\(port)", code: code)
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    static func makePipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failure(step: "pipe", code: errno) }
        return (ends[0], ends[1])
    }

    static func noSigPipe(_ descriptor: Int32) {
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Waits until `descriptor` is readable; false when `wake` hung up (the proxy stopped) or poll failed.
    static func waitReadable(_ descriptors: [Int32], wake: Int32) -> [Int32]? {
        var entries = [pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        entries += descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while true {
            let count = poll(&entries, nfds_t(entries.count), -1)
            if count < 0 && errno == EINTR { continue }
            guard count > 0, entries[0].revents == 0 else { return nil }
            return entries.dropFirst().filter { $0.revents != 0 }.map(\.fd)
        }
    }

    /// Reads up to the blank line ending a request head (at most 16 KiB): the head as text and any
    /// bytes that came after it.
    static func readHead(_ client: Int32, wake: Int32) -> (head: String, rest: [UInt8])? {
        var received: [UInt8] = []
        let blankLine = Array("\r\n\r\n".utf8)
        while received.count < 16 * 1024 {
            guard waitReadable([client], wake: wake) != nil, let bytes = readSome(client), !bytes.isEmpty else {
                return nil
            }
            received += bytes
            if let end = received.firstRange(of: blankLine) {
                return (
                    String(decoding: received[..<end.lowerBound], as: UTF8.self), Array(received[end.upperBound...])
                )
            }
        }
        return nil
    }

    /// One read: the bytes, or nil at end of stream or on an error.
    static func readSome(_ descriptor: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer[0..<count]) : nil
    }

    static func sendAll(_ descriptor: Int32, _ text: String) { sendAll(descriptor, Array(text.utf8)) }

    /// Writes every byte (the sockets are blocking); gives up silently when the peer is gone.
    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) {
        var remaining = bytes[...]
        while !remaining.isEmpty {
            let sent = remaining.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, noSignal) }
            if sent > 0 {
                remaining = remaining.dropFirst(sent)
            } else if sent >= 0 || errno != EINTR {
                return
            }
        }
    }

    /// A connected TCP socket to `host:port` (`[v6]:port` too), or nil.
    static func connectTCP(to target: String) -> Int32? {
        guard let colon = target.lastIndex(of: ":") else { return nil }
        let host = target[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let port = String(target[target.index(after: colon)...])
        var hints = addrinfo()
        hints.ai_socktype = stream
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, port, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(first) }
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let info = entry {
            let descriptor = socket(info.pointee.ai_family, stream, 0)
            if descriptor >= 0 {
                if connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    noSigPipe(descriptor)
                    return descriptor
                }
                close(descriptor)
            }
            entry = info.pointee.ai_next
        }
        return nil
    }

    /// Copies bytes both ways until both sides have ended (each end passed on as a half-close), either
    /// side fails, or the proxy stops.
    static func relay(_ client: Int32, _ upstream: Int32, wake: Int32) {
        var open: Set<Int32> = [client, upstream]
        while !open.isEmpty {
            guard let ready = waitReadable(Array(open), wake: wake) else { return }
            for from in ready {
                let to = from == client ? upstream : client
                if let bytes = readSome(from) {
                    sendAll(to, bytes)
                } else {
                    open.remove(from)
                    _ = shutdown(to, Int32(SHUT_WR))
                }
            }
        }
    }
}
