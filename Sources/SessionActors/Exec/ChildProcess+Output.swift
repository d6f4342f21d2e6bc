internal import Subprocess

/// How the reader of one pipe hands on what it read.
enum OutputConsumer: Sendable {
    case lines(maxLineLength: Int, handler: @Sendable (ChildStream, [[UInt8]]) async -> Void)
    case collect(limit: Int)
}

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
    /// Reads one pipe to its end. Each chunk is split (or collected) by a reader-local value and
    /// complete lines are handed on once per chunk, so there is no per-byte or per-line hop. A
    /// read error ends the stream like end-of-file: the child's status is still reported.
    static func drain(
        _ sequence: SubprocessOutputSequence, _ stream: ChildStream, _ consumer: OutputConsumer
    ) async -> CollectedBytes {
        var collected = CollectedBytes()
        switch consumer {
        case .lines(let maxLineLength, let handler):
            var splitter = LineSplitter(maxLineLength: maxLineLength)
            do {
                for try await buffer in sequence {
                    let lines = buffer.withUnsafeBytes { splitter.append($0) }
                    if !lines.isEmpty { await handler(stream, lines) }
                }
            } catch {}
            if let rest = splitter.finish() { await handler(stream, [rest]) }
        case .collect(let limit):
            do {
                for try await buffer in sequence {
                    buffer.withUnsafeBytes { collected.append($0, limit: limit) }
                }
            } catch {}
        }
        return collected
    }
}
