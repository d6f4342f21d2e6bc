import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bare HTTP/1.1 client over a blocking socket: sends exactly the bytes given (any Host, any size)
/// and reads the answer until the server closes or `Content-Length` is complete.
enum RawHTTP {
    struct Answer: Sendable {
        var status: Int
        var headers: String
        var body: String
    }

    /// Sends `request` to 127.0.0.1:`port`; nil when the connection was closed without an answer. The
    /// blocking socket calls run on a thread of their own, never on the concurrency pool the server uses.
    static func send(_ request: String, port: Int, timeout: TimeInterval = 10) async -> Answer? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: exchange(Array(request.utf8), port: port, timeout: timeout))
            }
        }
    }

    /// Sends `request` and returns every byte received until the server closes (or `timeout` passes),
    /// with how long that took: for pipelined requests and connections the server should close.
    static func sendUntilClosed(_ request: String, port: Int, timeout: TimeInterval = 10) async -> (
        text: String, seconds: Double
    ) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let started = Date()
                var received: [UInt8] = []
                _ = exchange(Array(request.utf8), port: port, timeout: timeout) { bytes in
                    received += bytes
                    return false
                }
                continuation.resume(
                    returning: (String(decoding: received, as: UTF8.self), Date().timeIntervalSince(started)))
            }
        }
    }

    /// A GET with the given headers (`Host` included unless given).
    static func get(_ path: String, port: Int, headers: [(String, String)] = []) async -> Answer? {
        var text = "GET \(path) HTTP/1.1\r\n"
        if !headers.contains(where: { $0.0.lowercased() == "host" }) { text += "Host: 127.0.0.1:\(port)\r\n" }
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Connection: close\r\n\r\n"
        return await send(text, port: port)
    }

    /// Connects, sends `bytes`, and reads until the server closes or `done` (given each chunk read) says so.
    private static func exchange(
        _ bytes: [UInt8], port: Int, timeout: TimeInterval, done: ([UInt8]) -> Bool
    ) -> Bool {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var wait = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return false }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 { break }
            offset += written
        }
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { return true }
            if done(Array(buffer[0..<count])) { return true }
        }
    }

    private static func exchange(_ bytes: [UInt8], port: Int, timeout: TimeInterval) -> Answer? {
        var received: [UInt8] = []
        var answer: Answer?
        _ = exchange(bytes, port: port, timeout: timeout) { chunk in
            received += chunk
            answer = parse(received)
            return answer.map { $0.body.utf8.count >= contentLength($0.headers) } ?? false
        }
        return answer ?? parse(received)
    }

    private static func parse(_ bytes: [UInt8]) -> Answer? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return nil }
        let head = String(text[..<split.lowerBound])
        let statusLine = head.split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        return Answer(status: status, headers: head, body: String(text[split.upperBound...]))
    }

    private static func contentLength(_ headers: String) -> Int {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return 0
    }
}
