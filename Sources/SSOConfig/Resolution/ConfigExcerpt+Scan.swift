extension ConfigExcerpt {
    /// Every section header of the file with its line (0-based, counted as `LineSplitter` does), or
    /// nil when a line could be read differently from the full parser's reading without parsing it:
    /// a byte other than printable ASCII, tab, CR and LF (other line breaks, NUL, a byte-order mark,
    /// UTF-8), an indented line starting with `[` (a header or a continuation line), or a line starting
    /// with `[` that is not a header, or an unindented line that is neither a comment nor `key = value`
    /// (the full parser refuses the file).
    static func scanHeaders(_ bytes: [UInt8]) -> [Header]? {
        bytes.withUnsafeBufferPointer { buffer -> [Header]? in
            var headers: [Header] = []
            let count = buffer.count
            var start = 0
            var line = 0
            while start < count {
                var end = start
                var firstText = -1
                var lastClose = -1
                var delimiter = -1
                while end < count {
                    let byte = buffer[end]
                    if byte == 0x0A || byte == 0x0D { break }
                    guard (byte >= 0x20 && byte < 0x7F) || byte == 0x09 else { return nil }
                    if firstText < 0, byte != 0x20, byte != 0x09 { firstText = end }
                    if byte == UInt8(ascii: "]") { lastClose = end }
                    if delimiter < 0, byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":") { delimiter = end }
                    end += 1
                }
                if firstText >= 0, buffer[firstText] == UInt8(ascii: "[") {
                    guard firstText == start, lastClose > start + 1 else { return nil }
                    headers.append(Header(offset: start, name: (start + 1)..<lastClose, line: line))
                } else if firstText == start, buffer[start] != UInt8(ascii: "#"), buffer[start] != UInt8(ascii: ";") {
                    guard delimiter > start else { return nil }
                }
                if end < count {
                    end += buffer[end] == 0x0D && end + 1 < count && buffer[end + 1] == 0x0A ? 2 : 1
                }
                start = end
                line += 1
            }
            return headers
        }
    }
}
