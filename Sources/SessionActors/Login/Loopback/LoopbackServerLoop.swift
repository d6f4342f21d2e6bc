#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The blocking accept-and-answer loop of the loopback listener. It runs on its own thread (never
/// on Swift concurrency's cooperative pool) and multiplexes with `poll`, so an idle connection a
/// browser opens speculatively cannot hold up the real redirect.
struct LoopbackServerLoop: Sendable {
    let listener: Int32
    let wake: Int32
    let expectedState: String
    let timeout: Duration
    /// A connection that sends no complete request within this time is closed.
    let connectionIdleLimit: Duration = .seconds(10)
    let maxConnections = 32

    private struct Connection {
        var descriptor: Int32
        var buffer: [UInt8] = []
        var openedAt: ContinuousClock.Instant
    }

    /// Runs until a code, a failure, the deadline or a wake-up; closes every connection it opened.
    func run() -> Result<String, LoginError> {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var connections: [Connection] = []
        defer { for connection in connections { LoopbackSocket.closeDescriptor(connection.descriptor) } }
        while true {
            let now = clock.now
            guard now < deadline else { return .failure(.authorizationTimedOut(after: timeout)) }
            var nextEvent = deadline
            for connection in connections {
                nextEvent = min(nextEvent, connection.openedAt.advanced(by: connectionIdleLimit))
            }
            var entries = [
                pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
            ]
            entries += connections.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            let waitMilliseconds = Self.milliseconds(until: nextEvent, from: now)
            let ready = poll(&entries, nfds_t(entries.count), waitMilliseconds)
            if ready < 0 && errno != EINTR { return .failure(.listenerUnavailable(reason: "poll failed")) }
            if entries[0].revents != 0 { return .failure(.cancelled) }
            // Read what arrived before accepting more, so indices still match `entries`.
            var finished: [Int] = []
            for index in connections.indices where entries[index + 2].revents != 0 {
                switch service(&connections[index]) {
                case .none: continue
                case .some(.keepWaiting): finished.append(index)
                case .some(.code(let code)): return .success(code)
                case .some(.failed(let summary)): return .failure(summary.error)
                }
            }
            let reference = clock.now
            for index in connections.indices
            where reference >= connections[index].openedAt.advanced(by: connectionIdleLimit) {
                finished.append(index)
            }
            for index in Set(finished).sorted(by: >) {
                LoopbackSocket.closeDescriptor(connections[index].descriptor)
                connections.remove(at: index)
            }
            if entries[1].revents != 0 {
                while let descriptor = LoopbackSocket.acceptConnection(listener) {
                    guard connections.count < maxConnections else {
                        LoopbackSocket.closeDescriptor(descriptor)
                        continue
                    }
                    connections.append(Connection(descriptor: descriptor, openedAt: clock.now))
                }
            }
        }
    }

    /// Reads from a ready connection; answers it once its request head is complete.
    /// - Returns: nil to keep reading; `.keepWaiting` when the connection is done (closed or
    ///   answered without ending the login); a code or failure when the login is over.
    private func service(_ connection: inout Connection) -> LoopbackCallback.Outcome? {
        guard let bytes = LoopbackSocket.readAvailable(connection.descriptor) else { return .keepWaiting }
        connection.buffer += bytes
        guard let headEnd = Self.endOfHead(connection.buffer) else {
            if connection.buffer.count > LoopbackCallback.maxHeadBytes {
                LoopbackSocket.sendAll(
                    connection.descriptor, LoopbackPages.response(status: 431, page: LoopbackPages.badRequest))
                return .keepWaiting
            }
            return nil
        }
        let request = LoopbackCallback.parseHead(connection.buffer[..<headEnd])
        let decision = LoopbackCallback.decide(request, expectedState: expectedState)
        LoopbackSocket.sendAll(
            connection.descriptor, LoopbackPages.response(status: decision.status, page: decision.page))
        return decision.outcome
    }

    private static func endOfHead(_ buffer: [UInt8]) -> Int? {
        guard buffer.count >= 4 else { return nil }
        for index in 0...(buffer.count - 4)
        where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func milliseconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int32
    {
        let remaining = now.duration(to: instant)
        let milliseconds =
            remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(clamping: max(0, min(milliseconds, 60_000)))
    }
}
