/// Splits a byte stream into lines as chunks arrive, without copying byte by byte into any shared
/// state: each reader owns one splitter. Lines are returned without their `\n` (a `\r` before it
/// is kept, since it is part of what the child wrote).
struct LineSplitter: Sendable {
    private var pending: [UInt8] = []
    let maxLineLength: Int

    init(maxLineLength: Int) {
        self.maxLineLength = max(1, maxLineLength)
    }

    /// Appends a chunk and returns the lines it completed.
    mutating func append(_ chunk: UnsafeRawBufferPointer) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var start = 0
        let bytes = chunk.bindMemory(to: UInt8.self)
        while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if pending.isEmpty {
                lines.append(Array(bytes[start..<newline]))
            } else {
                pending.append(contentsOf: bytes[start..<newline])
                lines.append(pending)
                pending.removeAll(keepingCapacity: true)
            }
            start = newline + 1
        }
        pending.append(contentsOf: bytes[start...])
        while pending.count >= maxLineLength {
            lines.append(Array(pending.prefix(maxLineLength)))
            pending.removeFirst(maxLineLength)
        }
        return lines
    }

    /// Appends bytes from an array (convenience for tests).
    mutating func append(_ chunk: [UInt8]) -> [[UInt8]] {
        chunk.withUnsafeBytes { append($0) }
    }

    /// The last line if the stream did not end with a newline.
    mutating func finish() -> [UInt8]? {
        defer { pending.removeAll() }
        return pending.isEmpty ? nil : pending
    }
}
