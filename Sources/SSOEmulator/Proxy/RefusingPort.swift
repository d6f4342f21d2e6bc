#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback TCP port where every connection is refused, held for as long as the value lives: for
/// tests of "nothing listens there". Closing a listener and reusing its number is not enough when
/// tests run in parallel: the kernel may hand that port to another test's server at once, and the
/// "refused" request then gets an HTTP answer. This socket is bound but never listens, so connects
/// get a reset (ECONNREFUSED) and no other socket can take the port meanwhile.
public final class RefusingPort: Sendable {
    /// The port number, on 127.0.0.1.
    public let port: Int
    private let descriptor: Int32

    /// Reserves a fresh ephemeral port.
    public init() throws {
        (descriptor, port) = try ProxySocket.bindLoopback(port: 0, listening: false, reuseAddress: false)
    }

    /// Reserves `port`, just given up by a server that was stopped (`SO_REUSEADDR`, as the server's
    /// closed connections may still hold it in TIME_WAIT). Throws when another listener took it first.
    public init(taking port: Int) throws {
        (descriptor, self.port) = try ProxySocket.bindLoopback(port: port, listening: false, reuseAddress: true)
    }

    deinit {
        close(descriptor)
    }
}
