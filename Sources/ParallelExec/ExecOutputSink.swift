#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Where `exec` writes what children print. Each call is one batch (labelled lines, or one
/// profile's block) that must reach the destination whole, never interleaved with another batch.
public protocol ExecOutputSink: Sendable {
    /// Writes one batch of bytes.
    func write(_ bytes: [UInt8]) async
}

/// Writes batches to a file descriptor (the parent's stdout or stderr). Being an actor, it
/// writes one batch at a time, so lines from different children never interleave.
public actor FileDescriptorSink: ExecOutputSink {
    private let fileDescriptor: Int32

    /// Creates a sink for a descriptor the caller keeps open.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes all bytes, retrying short writes and EINTR; a closed pipe drops the rest.
    public func write(_ bytes: [UInt8]) {
        writeAll(bytes, to: fileDescriptor)
    }
}

/// `write(2)` until every byte is out; gives up on an error other than EINTR (e.g. EPIPE).
private func writeAll(_ bytes: [UInt8], to fileDescriptor: Int32) {
    bytes.withUnsafeBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(fileDescriptor, base + offset, buffer.count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// Collects everything written, for tests and for callers that render the output themselves.
public actor CollectingSink: ExecOutputSink {
    /// Everything written so far.
    public private(set) var bytes: [UInt8] = []
    /// How many batches were written.
    public private(set) var batches = 0

    /// Creates an empty sink.
    public init() {}

    /// Appends one batch.
    public func write(_ bytes: [UInt8]) {
        self.bytes.append(contentsOf: bytes)
        batches += 1
    }

    /// Everything written so far, decoded as UTF-8 (invalid bytes replaced).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}
