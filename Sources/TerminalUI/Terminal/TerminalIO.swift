#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// Byte-level reads and writes on a descriptor for the interactive questions. Reads wait with
/// `poll` in short slices so that a cancelled task stops waiting instead of blocking forever.
package enum TerminalIO {
    enum ReadResult: Equatable {
        case byte(UInt8)
        case timedOut
        case endOfInput
    }

    /// Whether the descriptor is a terminal.
    package static func isTerminal(_ fileDescriptor: Int32) -> Bool {
        isatty(fileDescriptor) == 1
    }

    /// Reads one byte, waiting at most `timeout` milliseconds (nil: until input or cancellation).
    /// Waiting never blocks a thread: the descriptor is polled without blocking, and between
    /// polls the task sleeps for a few milliseconds (far below what a typist notices).
    static func readByte(_ fileDescriptor: Int32, timeout: Int? = nil) async throws(TerminalError) -> ReadResult {
        let deadline = timeout.map { ContinuousClock.now + .milliseconds($0) }
        while true {
            var request = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 0)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .ioFailed(operation: "poll", errno: errno)
            }
            if ready == 0 {
                if let deadline, ContinuousClock.now >= deadline { return .timedOut }
                do { try await Task.sleep(for: .milliseconds(8)) } catch { throw .cancelled }
                continue
            }
            var byte: UInt8 = 0
            let count = read(fileDescriptor, &byte, 1)
            if count == 1 { return .byte(byte) }
            if count == 0 { return .endOfInput }
            if errno == EINTR || errno == EAGAIN { continue }
            // A pseudo-terminal whose other side closed reports EIO: treat it as the end of input.
            if errno == EIO { return .endOfInput }
            throw .ioFailed(operation: "read", errno: errno)
        }
    }

    /// Reads up to a newline (not included; a `\r` before it is dropped). Returns nil at end of
    /// input with nothing read.
    static func readLine(_ fileDescriptor: Int32) async throws(TerminalError) -> String? {
        var bytes: [UInt8] = []
        while true {
            switch try await readByte(fileDescriptor) {
            case .byte(UInt8(ascii: "\n")):
                if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
                return String(decoding: bytes, as: UTF8.self)
            case .byte(let byte):
                bytes.append(byte)
            case .endOfInput:
                return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
            case .timedOut:
                continue
            }
        }
    }

    /// Writes all of `text`.
    package static func write(_ text: String, to fileDescriptor: Int32) throws(TerminalError) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(fileDescriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                throw .ioFailed(operation: "write", errno: errno)
            }
        }
    }
}

/// `write(2)`, named apart from `TerminalIO.write` so the call is unambiguous.
private func systemWrite(_ fileDescriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fileDescriptor, buffer, count)
}
