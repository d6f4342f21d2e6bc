#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The blocking side of one child, run on its own thread so the Swift cooperative pool never
/// blocks: reads the child's pipes until end-of-file, then reaps it.
///
/// A grandchild can keep a pipe open after the child has gone (`sleep 30 &`): every 100 ms
/// without output the watcher checks whether the child has exited; once it has, what is already
/// in the pipes is drained and reading stops, so the result does not wait for the grandchild.
enum ChildWatcher {
    /// How often to check for the child's exit while its pipes stay quiet.
    static let exitCheckMilliseconds: Int32 = 100

    /// Reads `pipes` (closing them), handing each chunk to `chunk`, then reaps the child.
    static func watch(
        _ handle: ChildHandle, pipes: [(fd: Int32, stream: ChildStream)],
        chunk: (ChildStream, UnsafeRawBufferPointer) -> Void
    ) -> ChildTermination {
        var open = pipes
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 1)
        defer { buffer.deallocate() }
        var exited = false
        var drainRounds = 0
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), exited ? 0 : exitCheckMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 {
                if exited { break }
                exited = hasExited(handle.processID)
                continue
            }
            if exited {
                drainRounds += 1
                if drainRounds > 64 { break }
            }
            for index in fds.indices.reversed() where fds[index].revents != 0 {
                let count = read(fds[index].fd, buffer.baseAddress, buffer.count)
                if count > 0 {
                    chunk(open[index].stream, UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                } else if count < 0 && (errno == EINTR || errno == EAGAIN) {
                    continue
                } else {
                    close(open[index].fd)
                    open.remove(at: index)
                }
            }
        }
        for rest in open { close(rest.fd) }
        waitForExit(handle.processID)
        return handle.reap()
    }

    /// Whether the child has exited, without reaping it (`WNOWAIT`).
    private static func hasExited(_ processID: Int32) -> Bool {
        var info = siginfo_t()
        return waitid(P_PID, id_t(processID), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_signo == SIGCHLD
    }

    /// Blocks until the child has exited, without reaping it, so it can still be signalled safely until then.
    private static func waitForExit(_ processID: Int32) {
        var info = siginfo_t()
        while waitid(P_PID, id_t(processID), &info, WEXITED | WNOWAIT) < 0 && errno == EINTR {}
    }
}
