internal import Synchronization

/// A value delivered once from a plain thread and awaited once from Swift concurrency: the
/// bridge from a child's watcher thread back to `ChildProcess.run`.
final class OneShot<Value: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Value, Never>)
        case delivered(Value)
    }

    private let state = Mutex(State.empty)

    /// Hands the value over; only the first call counts.
    func deliver(_ value: Value) {
        let waiter = state.withLock { state -> CheckedContinuation<Value, Never>? in
            switch state {
            case .empty:
                state = .delivered(value)
                return nil
            case .waiting(let continuation):
                state = .delivered(value)
                return continuation
            case .delivered:
                return nil
            }
        }
        waiter?.resume(returning: value)
    }

    /// Waits for the value (not cancellable: the value always comes).
    var value: Value {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Value? in
                    if case .delivered(let value) = state { return value }
                    state = .waiting(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}
