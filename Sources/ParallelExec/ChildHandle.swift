internal import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A spawned child as seen by whoever signals and reaps it. Signals are sent under the lock that
/// also marks the child reaped, so a teardown step can never reach a PID the kernel has already
/// given to another process; reaping also stops a teardown still under way.
final class ChildHandle: Sendable {
    let processID: Int32
    /// Whether the child leads its own process group (piped modes) and is signalled as a group.
    let ownGroup: Bool

    private struct State {
        var reaped = false
        var teardown: Task<Void, Never>?
    }

    private let state = Mutex(State())

    init(processID: Int32, ownGroup: Bool) {
        self.processID = processID
        self.ownGroup = ownGroup
    }

    /// Sends `number` to the child (or its group) unless it has been reaped.
    func signal(_ number: Int32, toGroup: Bool) {
        state.withLock { state in
            guard !state.reaped else { return }
            _ = toGroup ? killpg(processID, number) : kill(processID, number)
        }
    }

    /// Reaps the child, which must already have exited, and returns how it ended.
    func reap() -> ChildTermination {
        let (status, teardown) = state.withLock { state -> (Int32, Task<Void, Never>?) in
            state.reaped = true
            var status: Int32 = 0
            while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
            return (status, state.teardown)
        }
        teardown?.cancel()
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Starts `ChildTeardown`'s escalation in its own task (once; not after the child was reaped).
    func startTeardown(_ teardown: ChildTeardown) {
        state.withLock { state in
            guard !state.reaped, state.teardown == nil else { return }
            state.teardown = Task { await self.escalate(teardown) }
        }
    }

    /// The child's own group hears nothing from the terminal, so it gets SIGINT from us. A
    /// passthrough child shares the terminal's group and already got the user's Ctrl-C: a second
    /// SIGINT would read as "abort now" to tools like terraform, so the first step only waits.
    private func escalate(_ teardown: ChildTeardown) async {
        if ownGroup { signal(SIGINT, toGroup: true) }
        do { try await Task.sleep(for: teardown.interruptGrace) } catch { return }
        signal(SIGTERM, toGroup: ownGroup)
        do { try await Task.sleep(for: teardown.terminateGrace) } catch { return }
        signal(SIGKILL, toGroup: ownGroup)
    }
}
