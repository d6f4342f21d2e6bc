/// A request head (request line and header fields, ending in an empty line) read from its bytes into
/// a ``ServerRequest``, with what the connection needs from it: whether it stays open and how long
/// the body is. Everything outside the grammar of RFC 9112 is refused, nothing is repaired.
struct ParsedHead {
    var request: ServerRequest
    var keepAlive: Bool
    var contentLength: Int
}

/// Why a head was refused.
enum HeadRefusal: Error {
    case malformed(String)
    case tooManyFields
    case version
    case transferEncoding

    /// The answer (closing the connection) for this refusal.
    func response(_ limits: RequestReader.Limits) -> ServerResponse {
        switch self {
        case .malformed(let message): RequestReader.malformed(message)
        case .tooManyFields: RequestReader.headTooLarge(limits)
        case .version:
            .error(505, code: "HTTPVersionNotSupported", message: "only HTTP/1.1 and HTTP/1.0 are served", close: true)
        case .transferEncoding:
            .error(
                501, code: "TransferEncodingNotSupported",
                message: "request bodies must be sent with Content-Length, not Transfer-Encoding", close: true)
        }
    }
}

enum HeadParser {
    private static let cr: UInt8 = 13
    private static let lf: UInt8 = 10
    private static let space: UInt8 = 32
    private static let tab: UInt8 = 9

    /// Parses `head`, which ends in CRLFCRLF.
    static func parse(_ head: UnsafeRawBufferPointer, maxHeaderCount: Int) -> Result<ParsedHead, HeadRefusal> {
        do {
            return .success(try parseOrThrow(head, maxHeaderCount: maxHeaderCount))
        } catch {
            return .failure(error)
        }
    }

    private static func parseOrThrow(_ head: UnsafeRawBufferPointer, maxHeaderCount: Int) throws(HeadRefusal)
        -> ParsedHead
    {
        // Valid UTF-8 is kept byte for byte, so the offsets found in `head` are offsets in `text`.
        guard let text = String(validating: head, as: UTF8.self) else {
            throw .malformed("request heads must be UTF-8")
        }
        let utf8 = text.utf8
        func slice(_ range: Range<Int>) -> Substring {
            text[
                utf8.index(
                    utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                        utf8.startIndex, offsetBy: range.upperBound)]
        }
        var index = 0
        let methodEnd = scanToken(head, from: 0)
        guard methodEnd > 0, methodEnd < head.count, head[methodEnd] == space else {
            throw .malformed("the request line must be METHOD SP TARGET SP HTTP-VERSION")
        }
        index = methodEnd + 1
        let targetStart = index
        while index < head.count, head[index] > space, head[index] < 0x7f { index += 1 }
        guard index > targetStart, index < head.count, head[index] == space else {
            throw .malformed("the request target must be printable ASCII without spaces")
        }
        let targetEnd = index
        index += 1
        let versionStart = index
        while index < head.count, head[index] != cr { index += 1 }
        let keepAliveByDefault = try version(UnsafeRawBufferPointer(rebasing: head[versionStart..<index]))
        try lineEnd(head, at: &index)

        var fields: [(name: Substring, value: Substring)] = []
        fields.reserveCapacity(8)  // one allocation for a typical request
        var contentLength: Int?
        var connection: (close: Bool, keepAlive: Bool) = (false, false)
        while head[index] != cr {
            guard head[index] != space, head[index] != tab else {
                throw .malformed("header lines may not be folded (a line starting with whitespace)")
            }
            let nameEnd = scanToken(head, from: index)
            guard nameEnd > index, head[nameEnd] == UInt8(ascii: ":") else {
                throw .malformed("a header field must be NAME: VALUE, with no whitespace before the colon")
            }
            var valueStart = nameEnd + 1
            while head[valueStart] == space || head[valueStart] == tab { valueStart += 1 }
            var valueEnd = valueStart
            var position = valueStart
            while head[position] != cr {
                let byte = head[position]
                if byte < space && byte != tab || byte == 0x7f {
                    throw .malformed("header values may not hold control characters")
                }
                position += 1
                if byte != space && byte != tab { valueEnd = position }
            }
            guard fields.count < maxHeaderCount else { throw .tooManyFields }
            let name = index..<nameEnd
            let value = valueStart..<valueEnd
            fields.append((slice(name), slice(value)))
            index = position
            try lineEnd(head, at: &index)
            if equalsLowercased(head, name, "content-length") {
                guard contentLength == nil else { throw .malformed("Content-Length may appear only once") }
                contentLength = try decimal(head, value)
            } else if equalsLowercased(head, name, "transfer-encoding") {
                throw .transferEncoding
            } else if equalsLowercased(head, name, "connection") {
                connectionOptions(head, value, into: &connection)
            }
        }
        let request = ServerRequest(
            method: slice(0..<methodEnd), target: slice(targetStart..<targetEnd), fields: fields)
        let keepAlive = keepAliveByDefault ? !connection.close : connection.keepAlive && !connection.close
        return ParsedHead(request: request, keepAlive: keepAlive, contentLength: contentLength ?? 0)
    }

    /// Whether `version` is HTTP/1.1 (true: kept alive by default) or HTTP/1.0 (false).
    private static func version(_ version: UnsafeRawBufferPointer) throws(HeadRefusal) -> Bool {
        guard version.count == 8, version.starts(with: "HTTP/".utf8), version[6] == UInt8(ascii: "."),
            (0x30...0x39).contains(version[5]), (0x30...0x39).contains(version[7])
        else { throw .malformed("the request line must end in HTTP/1.1 or HTTP/1.0") }
        guard version[5] == UInt8(ascii: "1"), version[7] == UInt8(ascii: "1") || version[7] == UInt8(ascii: "0")
        else { throw .version }
        return version[7] == UInt8(ascii: "1")
    }

    /// Steps over the CRLF at `index`.
    private static func lineEnd(_ head: UnsafeRawBufferPointer, at index: inout Int) throws(HeadRefusal) {
        guard index + 1 < head.count, head[index] == cr, head[index + 1] == lf else {
            throw .malformed("lines must end in CRLF")
        }
        index += 2
    }

    /// The end of the run of token characters (RFC 9110 tchar) starting at `from`.
    private static func scanToken(_ head: UnsafeRawBufferPointer, from: Int) -> Int {
        var index = from
        while index < head.count, isTokenCharacter(head[index]) { index += 1 }
        return index
    }

    /// RFC 9110's tchar: `!#$%&'*+-.^_`|~`, digits and letters.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x30...0x39, 0x41...0x5A, 0x5E...0x7A, 0x7C, 0x7E: true
        default: false
        }
    }

    /// True when the bytes in `range` are `lowercased` in any case.
    private static func equalsLowercased(
        _ head: UnsafeRawBufferPointer, _ range: Range<Int>, _ lowercased: StaticString
    )
        -> Bool
    {
        guard range.count == lowercased.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: lowercased.utf8Start, count: lowercased.utf8CodeUnitCount)
        var offset = 0
        for index in range {
            let byte = head[index]
            let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            guard lower == expected[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// A Content-Length value: digits only (a larger value than any limit is kept as Int.max).
    private static func decimal(_ head: UnsafeRawBufferPointer, _ range: Range<Int>) throws(HeadRefusal) -> Int {
        guard !range.isEmpty else { throw .malformed("Content-Length must be a number") }
        var value = 0
        for index in range {
            let byte = head[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else {
                throw .malformed("Content-Length must be a number")
            }
            value = value > 1_000_000_000 ? value : value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The `close` and `keep-alive` options among a Connection value's comma-separated tokens.
    private static func connectionOptions(
        _ head: UnsafeRawBufferPointer, _ range: Range<Int>, into options: inout (close: Bool, keepAlive: Bool)
    ) {
        var start = range.lowerBound
        while start < range.upperBound {
            var end = start
            while end < range.upperBound, head[end] != UInt8(ascii: ",") { end += 1 }
            var lower = start
            var upper = end
            while lower < upper, head[lower] == space || head[lower] == tab { lower += 1 }
            while upper > lower, head[upper - 1] == space || head[upper - 1] == tab { upper -= 1 }
            if equalsLowercased(head, lower..<upper, "close") { options.close = true }
            if equalsLowercased(head, lower..<upper, "keep-alive") { options.keepAlive = true }
            start = end + 1
        }
    }
}
