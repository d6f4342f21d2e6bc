/// A strict, bounded HTTP/1.1 request reader over the bytes a connection has received: the request
/// line, the header fields and a `Content-Length` body (read and dropped), nothing the server does not
/// need. It refuses what a lenient parser would guess at (bare LF, obs-fold, whitespace before a colon,
/// control characters, `Transfer-Encoding`, several or malformed `Content-Length`s, other HTTP
/// versions) and anything past the limits, so a request is either read exactly or answered with an
/// error and the connection closed.
struct RequestReader {
    /// The bounds on one request.
    struct Limits: Sendable {
        var maxHeadBytes: Int
        var maxBodyBytes: Int
        var maxHeaderCount = 64
    }

    /// What the bytes received so far amount to.
    enum Verdict {
        /// Not a whole request yet (and nothing wrong so far): wait for more bytes.
        case incomplete
        /// A whole request, taking up `consumed` bytes (head and body), and whether the connection stays open.
        case request(ServerRequest, keepAlive: Bool, consumed: Int)
        /// A request refused: answer this (it closes the connection).
        case refused(ServerResponse)
    }

    let limits: Limits

    /// Reads the first request in `bytes`. `searched` is how many bytes an earlier call with the same
    /// prefix found no end of head in (so a head that trickles in is not scanned again from the start);
    /// it is updated on `.incomplete`.
    func read(_ bytes: UnsafeRawBufferPointer, searched: inout Int) -> Verdict {
        var start = 0
        // Empty lines before a request line are ignored (RFC 9112, 2.2).
        while start + 1 < bytes.count, bytes[start] == 13, bytes[start + 1] == 10 { start += 2 }
        if start == bytes.count || (start + 1 == bytes.count && bytes[start] == 13) {
            searched = 0
            return start > limits.maxHeadBytes ? .refused(Self.headTooLarge(limits)) : .incomplete
        }
        let resume = max(start, searched - 3)
        guard let end = headEnd(bytes, from: resume) else {
            let available = bytes.count - start
            guard available <= limits.maxHeadBytes else { return .refused(Self.headTooLarge(limits)) }
            searched = bytes.count
            return bareLineFeed(bytes, start: start, from: resume)
                ? .refused(Self.malformed("lines must end in CRLF")) : .incomplete
        }
        searched = 0
        guard end - start <= limits.maxHeadBytes else { return .refused(Self.headTooLarge(limits)) }
        let head = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        let parsed: ParsedHead
        switch HeadParser.parse(head, maxHeaderCount: limits.maxHeaderCount) {
        case .failure(let refusal): return .refused(refusal.response(limits))
        case .success(let value): parsed = value
        }
        guard parsed.contentLength <= limits.maxBodyBytes else {
            return .refused(
                .error(
                    413, code: "RequestTooLarge", message: "request bodies are limited to \(limits.maxBodyBytes) bytes",
                    close: true))
        }
        let consumed = end + parsed.contentLength
        guard consumed <= bytes.count else { return .incomplete }
        return .request(parsed.request, keepAlive: parsed.keepAlive, consumed: consumed)
    }

    /// The offset just past the CRLFCRLF ending the head, searching from `from`.
    private func headEnd(_ bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        var index = from
        let count = bytes.count
        while index + 3 < count {
            if bytes[index + 3] != 10 {
                // The 4-byte window cannot end in LF: skip past it by how far the next LF can be.
                index += bytes[index + 3] == 13 ? 1 : 4
                continue
            }
            if bytes[index] == 13, bytes[index + 1] == 10, bytes[index + 2] == 13 { return index + 4 }
            index += 1
        }
        return nil
    }

    /// True when a LF without its CR appears (refused at once rather than waiting for a head that
    /// would be refused anyway).
    private func bareLineFeed(_ bytes: UnsafeRawBufferPointer, start: Int, from: Int) -> Bool {
        var index = from
        while index < bytes.count {
            if bytes[index] == 10, index == start || bytes[index - 1] != 13 { return true }
            index += 1
        }
        return false
    }

    static func malformed(_ message: String) -> ServerResponse {
        .error(400, code: "BadRequest", message: "malformed request: \(message)", close: true)
    }

    static func headTooLarge(_ limits: Limits) -> ServerResponse {
        .error(
            431, code: "RequestHeaderFieldsTooLarge",
            message: "request heads are limited to \(limits.maxHeadBytes) bytes and \(limits.maxHeaderCount) fields",
            close: true)
    }
}
