import Dispatch
import Foundation

/// Bytes collected from one pipe, up to a limit.
struct CollectedBytes: Sendable, Hashable {
    var bytes: [UInt8] = []
    var truncated = false

    mutating func append(_ chunk: UnsafeRawBufferPointer, limit: Int) {
        let room = limit - bytes.count
        if chunk.count <= room {
            bytes.append(contentsOf: chunk)
        } else {
            if room > 0 { bytes.append(contentsOf: chunk.prefix(room)) }
            truncated = true
        }
    }
}

extension ChildProcess {
    /// What the watcher thread hands back once the child has been reaped.
    struct Finished: Sendable {
        var termination: ChildTermination
        var output = CollectedBytes()
        var error = CollectedBytes()
    }

    /// Spawns the child from its watcher thread (so no pool thread waits out the `vfork`) and
    /// returns its handle once it runs; the thread then reads its output and reaps it, delivering
    /// to `finished` (`.passthrough`, `.collect`) or `channel` (`.lines`).
    static func launch(
        _ command: ChildCommand, stdio: SpawnStdio, ownGroup: Bool, io: ChildIO,
        finished: OneShot<Finished>, channel: ChunkChannel
    ) async throws(ExecError) -> ChildHandle {
        let started = OneShot<Result<ChildHandle, ExecError>>()
        startThread {
            let spawned: SpawnedProcess
            do throws(ExecError) {
                spawned = try PosixSpawn.spawn(command, stdio: stdio, ownGroup: ownGroup)
            } catch {
                started.deliver(.failure(error))
                return
            }
            let handle = ChildHandle(processID: spawned.processID, ownGroup: ownGroup)
            started.deliver(.success(handle))
            watch(handle, pipes: spawned.pipes, io: io, finished: finished, channel: channel)
        }
        return try await started.value.get()
    }

    /// The watcher thread's part after the spawn: read, reap, deliver.
    private static func watch(
        _ handle: ChildHandle, pipes: [(fd: Int32, stream: ChildStream)], io: ChildIO,
        finished: OneShot<Finished>, channel: ChunkChannel
    ) {
        switch io {
        case .passthrough:
            finished.deliver(Finished(termination: ChildWatcher.watch(handle, pipes: []) { _, _ in }))
        case .collect(let limit):
            let limit = max(0, limit)
            var output = CollectedBytes()
            var error = CollectedBytes()
            let termination = ChildWatcher.watch(handle, pipes: pipes) { stream, chunk in
                if stream == .standardOutput {
                    output.append(chunk, limit: limit)
                } else {
                    error.append(chunk, limit: limit)
                }
            }
            finished.deliver(Finished(termination: termination, output: output, error: error))
        case .lines:
            let termination = ChildWatcher.watch(handle, pipes: pipes) { stream, chunk in
                channel.credits.wait()
                channel.send(.chunk(stream, Array(chunk)))
            }
            channel.send(.end(termination))
        }
    }

    /// Awaits `onStart`, hands output on, and returns once the child has been reaped and its
    /// output drained. Nothing here ends on cancellation: reading must go on while the child
    /// handles SIGINT (a closed pipe would kill it with SIGPIPE instead).
    static func finish(
        _ handle: ChildHandle, io: ChildIO, finished: OneShot<Finished>, channel: ChunkChannel,
        onStart: (@Sendable (Int32) async -> Void)?
    ) async -> Finished {
        await onStart?(handle.processID)
        if case .lines(let maxLineLength, let handler) = io {
            return Finished(termination: await deliverLines(channel, maxLineLength: maxLineLength, handler: handler))
        }
        return await finished.value
    }

    /// Splits each stream's chunks into lines (a splitter per stream, so each stream keeps its
    /// order) and hands complete lines on once per chunk; a last line without a newline comes at
    /// the end. Returns how the child ended.
    private static func deliverLines(
        _ channel: ChunkChannel, maxLineLength: Int,
        handler: @Sendable (ChildStream, [[UInt8]]) async -> Void
    ) async -> ChildTermination {
        var output = LineSplitter(maxLineLength: maxLineLength)
        var error = LineSplitter(maxLineLength: maxLineLength)
        while true {
            switch await channel.next() {
            case .chunk(let stream, let bytes):
                let lines = stream == .standardOutput ? output.append(bytes) : error.append(bytes)
                if !lines.isEmpty { await handler(stream, lines) }
                channel.credits.signal()
            case .end(let termination):
                if let rest = output.finish() { await handler(.standardOutput, [rest]) }
                if let rest = error.finish() { await handler(.standardError, [rest]) }
                return termination
            }
        }
    }

    /// One thread per running child, so its blocking `poll`, `read` and `waitid` stay off the
    /// Swift pool. A thread of its own rather than libdispatch's pool, which caps its threads
    /// (255 on Linux): with `--parallel` above that, children would wait for a watcher.
    private static func startThread(_ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread(body)
    }
}
