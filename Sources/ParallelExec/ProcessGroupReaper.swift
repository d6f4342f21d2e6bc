#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Stops what is left of a cancelled child's process group after the child itself has gone: a
/// grandchild that ignored SIGINT, or one the child started in the background.
///
/// The group ID is the child's PID. While any member of the group lives, the kernel does not
/// reuse that number, so `killpg` can only reach our own leftovers (or nobody: ESRCH).
enum ProcessGroupReaper {
    /// Sends SIGTERM to the group, waits up to `grace` for it to empty, then sends SIGKILL.
    static func terminateRemaining(processGroup: Int32, grace: Duration) async {
        guard processGroup > 1, killpg(processGroup, 0) == 0 else { return }
        _ = killpg(processGroup, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            if killpg(processGroup, 0) != 0 { return }
            // Uncancellable wait: this runs during teardown of an already-cancelled task.
            await sleepIgnoringCancellation(.milliseconds(20))
        }
        _ = killpg(processGroup, SIGKILL)
    }

    private static func sleepIgnoringCancellation(_ duration: Duration) async {
        await Task.detached { try? await Task.sleep(for: duration) }.value
    }
}
