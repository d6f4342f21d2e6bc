import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HTTP `CONNECT` proxy on 127.0.0.1 for tests, standing in for a corporate proxy in front of the
/// emulator: it opens a TCP tunnel per `CONNECT` and counts what it saw (tunnels, targets, the
/// `Proxy-Authorization` it received, any request that was not a `CONNECT`), so a test can prove that
/// traffic went through it, or did not. Blocking sockets, a thread per connection; ``stop()`` ends all.
public final class TunnelProxy: Sendable {
    /// How the proxy answers a `CONNECT`.
    public enum Behaviour: Sendable, Equatable {
        /// Opens every tunnel.
        case tunnel
        /// Opens a tunnel only with this exact `Proxy-Authorization` value, else answers 407.
        case requireAuthorization(String)
        /// Answers every `CONNECT` with this status (e.g. 403) and closes the connection.
        case reject(status: Int)
    }

    /// What the proxy saw so far.
    public struct Stats: Sendable, Equatable {
        /// Tunnels opened (`CONNECT` answered with 200).
        public var tunnels = 0
        /// The `host:port` of every `CONNECT`, in order.
        public var targets: [String] = []
        /// The `Proxy-Authorization` header of every `CONNECT` (nil when absent), in order.
        public var authorizations: [String?] = []
        /// The request line of every request that was not a `CONNECT` (answered with 405).
        public var otherRequests: [String] = []

        /// Nothing seen yet.
        public init() {}
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    let behaviour: Behaviour
    let listener: Int32
    let wake: (read: Int32, write: Int32)
    let state = Mutex(Stats())
    let stopped = Mutex(false)

    /// Starts listening on 127.0.0.1 with an ephemeral port.
    public init(_ behaviour: Behaviour = .tunnel) throws {
        self.behaviour = behaviour
        (listener, port) = try ProxySocket.listenOnLoopback()
        wake = try ProxySocket.makePipe()
        let proxy = self
        Thread { proxy.acceptLoop() }.start()
    }

    deinit {
        close(listener)
        close(wake.read)
    }

    /// `host:port`.
    public var authority: String { "127.0.0.1:\(port)" }

    /// The value for `HTTP_PROXY` / `HTTPS_PROXY`, with credentials when given (percent-encoded).
    public func url(username: String? = nil, password: String? = nil) -> String {
        let encode = { (text: String) in text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text }
        guard let username else { return "http://\(authority)" }
        return "http://\(encode(username))\(password.map { ":" + encode($0) } ?? "")@\(authority)"
    }

    /// A snapshot of what the proxy saw.
    public var stats: Stats { state.withLock { $0 } }

    /// Stops listening (new connections are refused at once on Linux) and closes every tunnel.
    public func stop() {
        let first = stopped.withLock { wasStopped in
            defer { wasStopped = true }
            return !wasStopped
        }
        guard first else { return }
        _ = shutdown(listener, Int32(SHUT_RDWR))
        close(wake.write)  // every thread polls the read end: its hang-up wakes them all
    }

    private func acceptLoop() {
        while true {
            var entries = [
                pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0),
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            ]
            guard poll(&entries, 2, 200) >= 0 || errno == EINTR else { return }
            if entries[0].revents != 0 || stopped.withLock({ $0 }) { return }
            guard entries[1].revents != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            ProxySocket.noSigPipe(client)
            let proxy = self
            Thread { proxy.serve(client) }.start()
        }
    }

    /// Reads one request head, answers it, and relays bytes both ways once a tunnel is open.
    private func serve(_ client: Int32) {
        defer { close(client) }
        guard let (head, rest) = ProxySocket.readHead(client, wake: wake.read) else { return }
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.first ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[0] == "CONNECT" else {
            state.withLock { $0.otherRequests.append(requestLine) }
            ProxySocket.sendAll(
                client, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        }
        let target = String(parts[1])
        let authorization = lines.dropFirst().first { $0.lowercased().hasPrefix("proxy-authorization:") }
            .map { $0.dropFirst("proxy-authorization:".count).trimmingCharacters(in: .whitespaces) }
        state.withLock {
            $0.targets.append(target)
            $0.authorizations.append(authorization)
        }
        switch behaviour {
        case .reject(let status):
            ProxySocket.sendAll(client, "HTTP/1.1 \(status) Rejected\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        case .requireAuthorization(let expected) where authorization != expected:
            ProxySocket.sendAll(
                client,
                "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            return
        case .tunnel, .requireAuthorization:
            break
        }
        guard let upstream = ProxySocket.connectTCP(to: target) else {
            ProxySocket.sendAll(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        }
        defer { close(upstream) }
        state.withLock { $0.tunnels += 1 }
        ProxySocket.sendAll(client, "HTTP/1.1 200 Connection established\r\n\r\n")
        if !rest.isEmpty { ProxySocket.sendAll(upstream, rest) }
        ProxySocket.relay(client, upstream, wake: wake.read)
    }
}
