extension ConfigExcerpt {
    /// A line the scan hands on (blank and comment lines are skipped).
    enum ScannedLine {
        /// A section header at the start of the line.
        case header(Header)
        /// An unindented `key = value` (or `key: value`) line: the key starts the line and ends
        /// before `delimiter`, the first `=` or `:`; the line ends at `end`.
        case entry(start: Int, delimiter: Int, end: Int)
        /// An indented line that is neither blank nor a comment (a continuation line or an indented
        /// key), its text from `start` (its first non-blank byte) to `end`.
        case indented(start: Int, end: Int)
    }

    /// Every section header of the file with its line (0-based, counted as `LineSplitter` does), or
    /// nil when a line could be read differently from the full parser's reading without parsing it
    /// (see ``scanLines(_:_:)``).
    static func scanHeaders(_ bytes: [UInt8]) -> [Header]? {
        var headers: [Header] = []
        let complete = scanLines(bytes) { _, line in
            if case .header(let header) = line { headers.append(header) }
            return true
        }
        return complete ? headers : nil
    }

    /// Hands every line but blank and comment lines to `visit`, in order, until `visit` returns false;
    /// false as well when a line could be read differently from the full parser's reading without
    /// parsing it: a byte other than printable ASCII, tab, CR and LF (other line breaks, NUL, a
    /// byte-order mark, UTF-8), an indented line starting with `[` (a header or a continuation line),
    /// a line starting with `[` that is not a header, or an unindented line that is neither a comment
    /// nor `key = value` (the full parser refuses the file).
    static func scanLines(
        _ bytes: [UInt8], _ visit: (UnsafeBufferPointer<UInt8>, ScannedLine) -> Bool
    ) -> Bool {
        bytes.withUnsafeBufferPointer { scanLines($0, visit) }
    }

    /// ``scanLines(_:_:)`` over bytes already in memory (a file's `Data`, without copying it).
    static func scanLines(
        _ buffer: UnsafeBufferPointer<UInt8>, _ visit: (UnsafeBufferPointer<UInt8>, ScannedLine) -> Bool
    ) -> Bool {
        let count = buffer.count
        var start = 0
        var line = 0
        while start < count {
            var end = start
            // Eight bytes at a time while they are all printable ASCII (no tab, no line break); then
            // straight to the first byte that is not (the lowest flagged byte of a word is exact).
            if let base = buffer.baseAddress {
                while end + 8 <= count {
                    let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
                    let control = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    let high = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                    if control | high != 0 {
                        end += (control | high).trailingZeroBitCount >> 3
                        break
                    }
                    end += 8
                }
            }
            while end < count {
                let byte = buffer[end]
                if byte &- 0x20 < 0x5F || byte == 0x09 { end += 1 } else { break }
            }
            if end < count, buffer[end] != 0x0A, buffer[end] != 0x0D { return false }
            if start < end {
                switch buffer[start] {
                case UInt8(ascii: "["):
                    guard let header = header(buffer, start: start, end: end, line: line),
                        visit(buffer, .header(header))
                    else { return false }
                case 0x20, 0x09:
                    var first = start
                    while first < end, buffer[first] == 0x20 || buffer[first] == 0x09 { first += 1 }
                    if first < end {
                        switch buffer[first] {
                        case UInt8(ascii: "["): return false
                        case UInt8(ascii: "#"), UInt8(ascii: ";"): break
                        default: guard visit(buffer, .indented(start: first, end: end)) else { return false }
                        }
                    }
                case UInt8(ascii: "#"), UInt8(ascii: ";"):
                    break
                default:
                    var delimiter = Self.firstDelimiterWord(buffer, from: start + 1, to: end)
                    while delimiter < end, buffer[delimiter] != UInt8(ascii: "="),
                        buffer[delimiter] != UInt8(ascii: ":")
                    { delimiter += 1 }
                    if delimiter == end || buffer[start] == UInt8(ascii: "=") || buffer[start] == UInt8(ascii: ":") {
                        return false
                    }
                    guard visit(buffer, .entry(start: start, delimiter: delimiter, end: end)) else { return false }
                }
            }
            if end < count {
                end += buffer[end] == 0x0D && end + 1 < count && buffer[end + 1] == 0x0A ? 2 : 1
            }
            start = end
            line += 1
        }
        return true
    }

    /// The first index from `start` whose eight-byte word holds a `=` or `:`, at that byte (or the
    /// last word start before `end`): the byte-by-byte search then starts there.
    private static func firstDelimiterWord(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = buffer.baseAddress else { return start }
        var index = start
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let equals = word ^ 0x3D3D_3D3D_3D3D_3D3D
            let colon = word ^ 0x3A3A_3A3A_3A3A_3A3A
            let found =
                ((equals &- 0x0101_0101_0101_0101) & ~equals | (colon &- 0x0101_0101_0101_0101) & ~colon)
                & 0x8080_8080_8080_8080
            if found != 0 { return index + found.trailingZeroBitCount >> 3 }
            index += 8
        }
        return index
    }

    /// The header on the line `start..<end` (which starts with `[`): the text up to its last `]`,
    /// which must not be empty; whether it has a quote or backslash (shell words) is noted.
    private static func header(_ buffer: UnsafeBufferPointer<UInt8>, start: Int, end: Int, line: Int) -> Header? {
        var close = end - 1
        while close > start, buffer[close] != UInt8(ascii: "]") { close -= 1 }
        guard close > start + 1 else { return nil }
        var quoted = false
        for index in (start + 1)..<close {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\\") { quoted = true }
        }
        return Header(offset: start, name: (start + 1)..<close, line: line, quoted: quoted)
    }
}
