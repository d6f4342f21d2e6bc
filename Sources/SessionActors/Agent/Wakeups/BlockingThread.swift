#if os(Linux)
    import Foundation
    import Glibc

    /// A plain thread that blocks in `poll` on one file descriptor for as long as a scope runs, so the
    /// Swift cooperative pool never blocks and nothing polls on a timer: how the agent reads its inotify
    /// and timerfd descriptors. The scope's end wakes the thread through a pipe and waits for it to exit.
    struct BlockingThread: Sendable {
        /// What one wait ended with.
        enum Wait: Equatable {
            case readable
            case timedOut
            case stopped
        }

        let descriptor: Int32
        private let stopReader: Int32

        /// Blocks until `descriptor` is readable, `milliseconds` pass (-1: no limit) or the scope ends.
        func wait(milliseconds: Int32 = -1) -> Wait {
            while true {
                var fds = [
                    pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: stopReader, events: Int16(POLLIN), revents: 0),
                ]
                let ready = poll(&fds, 2, milliseconds)
                if ready < 0 && errno == EINTR { continue }
                if ready < 0 || fds[1].revents != 0 { return .stopped }
                if ready == 0 { return .timedOut }
                if fds[0].revents & Int16(POLLIN) != 0 { return .readable }
                return .stopped
            }
        }

        /// Runs `thread` on a thread of its own while `body` runs; `thread` owns `descriptor` (closed when
        /// it returns) and returns once ``wait(milliseconds:)`` says `.stopped`.
        static func with<Result>(
            descriptor: Int32, thread: @escaping @Sendable (BlockingThread) -> Void,
            body: () async throws -> Result
        ) async throws -> Result {
            var pipeEnds: [Int32] = [-1, -1]
            guard pipe(&pipeEnds) == 0 else {
                close(descriptor)
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            let blocking = BlockingThread(descriptor: descriptor, stopReader: pipeEnds[0])
            let stopWriter = pipeEnds[1]
            let (finished, done) = AsyncStream.makeStream(of: Void.self)
            Thread.detachNewThread {
                thread(blocking)
                close(blocking.descriptor)
                close(blocking.stopReader)
                done.finish()
            }
            let stop = { @Sendable in
                var byte: UInt8 = 1
                _ = write(stopWriter, &byte, 1)
                close(stopWriter)
                // An unstructured task: the wait for the thread must not end early when the scope is cancelled.
                await Task { for await _ in finished {} }.value
            }
            do {
                let result = try await body()
                await stop()
                return result
            } catch {
                await stop()
                throw error
            }
        }
    }
#endif
