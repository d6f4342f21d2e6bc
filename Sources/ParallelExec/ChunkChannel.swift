import Dispatch
internal import Synchronization

/// Carries a watcher thread's output to the line handler: chunks in the order read, then how the
/// child ended. Unlike `AsyncStream`, waiting for the next element ignores cancellation: reading
/// must go on while a cancelled child handles SIGINT (a closed pipe would kill it with SIGPIPE).
final class ChunkChannel: Sendable {
    enum Element: Sendable {
        case chunk(ChildStream, [UInt8])
        case end(ChildTermination)
    }

    private struct State {
        var buffer: [Element] = []
        var waiter: CheckedContinuation<Element, Never>?
    }

    private let state = Mutex(State())

    /// How many chunks the sender may run ahead of the reader: it waits on this before each
    /// chunk and the reader signals it after handling one (so a slow handler slows the child).
    let credits = DispatchSemaphore(value: 8)

    /// Hands `element` to the waiting reader, or buffers it (the sender bounds how far it runs ahead).
    func send(_ element: Element) {
        let waiter = state.withLock { state -> CheckedContinuation<Element, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.buffer.append(element)
            return nil
        }
        waiter?.resume(returning: element)
    }

    /// The next element, waiting for it if none is buffered (one reader only).
    func next() async -> Element {
        if let ready = state.withLock({ $0.buffer.isEmpty ? nil : $0.buffer.removeFirst() }) { return ready }
        return await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Element? in
                if !state.buffer.isEmpty { return state.buffer.removeFirst() }
                state.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
