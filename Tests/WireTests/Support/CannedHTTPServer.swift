import Foundation

@testable import SessionActors

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback server that answers every request with the same bytes, written as they are (a
/// redirect, a malformed answer, a body cut short): what no well-behaved server sends on purpose.
/// The sockets are served on a dedicated thread; ``stop()`` ends it and closes every descriptor.
struct CannedHTTPServer: Sendable {
    /// After the canned bytes: close the connection, or keep it open and silent until ``stop()``.
    enum Then: Sendable { case close, stall }

    let port: UInt16
    private let wakeDescriptor: Int32

    /// - Parameter atFirstByte: answer as soon as anything arrives (e.g. a TLS ClientHello) instead of
    ///   after a complete request head.
    init(_ answer: String, then: Then = .close, atFirstByte: Bool = false) throws {
        let (listener, port) = try LoopbackSocket.listenOnLoopback()
        let wake = try LoopbackSocket.wakePipe()
        self.port = port
        self.wakeDescriptor = wake.write
        let bytes = Array(answer.utf8)
        let thread = Thread {
            Self.serve(listener: listener, wake: wake.read, answer: bytes, then: then, atFirstByte: atFirstByte)
            LoopbackSocket.closeDescriptor(wake.write)
        }
        thread.start()
    }

    func url(_ path: String = "/") throws -> URL {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { throw URLError(.badURL) }
        return url
    }

    func stop() {
        LoopbackSocket.wake(wakeDescriptor)
    }

    /// Accepts connections and answers each once, after the blank line that ends the request head
    /// (request bodies are small and arrive with it). Gives up after a minute in any case.
    private static func serve(listener: Int32, wake: Int32, answer: [UInt8], then: Then, atFirstByte: Bool) {
        var connections: [Int32: [UInt8]] = [:]
        var answered: Set<Int32> = []
        let end = ContinuousClock.now + .seconds(60)
        defer {
            for connection in connections.keys { LoopbackSocket.closeDescriptor(connection) }
            LoopbackSocket.closeDescriptor(listener)
            LoopbackSocket.closeDescriptor(wake)
        }
        while ContinuousClock.now < end {
            var entries = [
                pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            ]
            entries += connections.keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&entries, nfds_t(entries.count), 100) >= 0 else { continue }
            if entries[0].revents != 0 { return }
            if entries[1].revents != 0, let connection = LoopbackSocket.acceptConnection(listener) {
                connections[connection] = []
            }
            for entry in entries.dropFirst(2) where entry.revents != 0 {
                let connection = entry.fd
                guard let bytes = LoopbackSocket.readAvailable(connection) else {
                    LoopbackSocket.closeDescriptor(connection)
                    connections[connection] = nil
                    answered.remove(connection)
                    continue
                }
                connections[connection, default: []] += bytes
                let received = connections[connection, default: []]
                guard !answered.contains(connection),
                    atFirstByte ? !received.isEmpty : received.firstRange(of: Array("\r\n\r\n".utf8)) != nil
                else { continue }
                answered.insert(connection)
                LoopbackSocket.sendAll(connection, answer)
                if then == .close {
                    LoopbackSocket.closeDescriptor(connection)
                    connections[connection] = nil
                    answered.remove(connection)
                }
            }
        }
    }
}
