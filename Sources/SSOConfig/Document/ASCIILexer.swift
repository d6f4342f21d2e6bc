import Foundation

/// ``LineSplitter`` and ``INILexer`` in one pass over the bytes of a file that is all ASCII without NUL
/// bytes (what config files are in practice): lines are cut, stripped and classified on the bytes, each
/// line is kept as where its text ends (see ``LineTable``), and a `String` is made only for each header,
/// key and value. In ASCII, Python's whitespace
/// is the bytes 0x09–0x0D and 0x1C–0x20 and `str.lower` is ASCII lower-casing, so the result (or the
/// error) is the general path's; any other file goes to that path (`nil`).
/// `Tests/ConfigTests/ASCIILexerDifferentialTests.swift` compares the two.
enum ASCIILexer {
    /// The lines (where each line's text ends) and sections of `bytes`, or nil when they are not all
    /// ASCII without NUL bytes (or start with a byte-order mark).
    static func lex(_ bytes: [UInt8], file: URL) throws(ConfigError) -> (lineEnds: [Int], sections: [LexedSection])? {
        guard isPlainASCII(bytes) else { return nil }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ConfigError) in
            var pass = Pass(bytes: buffer, file: file)
            return try pass.run()
        }
    }

    /// No byte is 0 or above 0x7F (eight bytes at a time).
    static func isPlainASCII(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var index = 0
            let high: UInt64 = 0x8080_8080_8080_8080
            let ones: UInt64 = 0x0101_0101_0101_0101
            while index + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                // A byte with its top bit set, or a zero byte (the classic "has zero byte" test).
                if word & high != 0 || (word &- ones) & ~word & high != 0 { return false }
                index += 8
            }
            while index < count {
                let byte = raw[index]
                if byte == 0 || byte >= 0x80 { return false }
                index += 1
            }
            return true
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x20)
    }

    @inline(__always)
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The key lower-cased (ASCII), as configparser's `optionxform`.
    static func lowerString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        guard bytes[range].contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            return string(bytes, range)
        }
        return String(unsafeUninitializedCapacity: range.count) { target in
            for (offset, byte) in bytes[range].enumerated() {
                target[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return range.count
        }
    }

    /// One pass: lines are cut and classified here, ``LexerState`` applies configparser's rules.
    private struct Pass {
        let bytes: UnsafeBufferPointer<UInt8>
        var lineEnds: [Int] = []
        var state: LexerState
        /// Values too long to be stored inline in a `String`, each made once: a large config repeats
        /// the same start URL and role names in every profile.
        var longValues = ByteRangeSet(minimumCapacity: 64)
        var longValueStrings: [String] = []
        /// The headers read (configparser's duplicate check, on the bytes: a `Dictionary` of strings
        /// hashed each one with SipHash), and the line of each.
        var headers: ByteRangeSet
        var headerLines: [Int] = []

        init(bytes: UnsafeBufferPointer<UInt8>, file: URL) {
            self.bytes = bytes
            headers = ByteRangeSet(minimumCapacity: min(bytes.count / 200, 1 << 15))
            // A profile section of a large config is about 200 bytes: a hint for half that, no more
            // than 64 Ki sections.
            self.state = LexerState(file: file, sections: min(bytes.count / 100, 1 << 16))
        }

        mutating func run() throws(ConfigError) -> (lineEnds: [Int], sections: [LexedSection]) {
            var start = 0
            var index = 0
            let count = bytes.count
            guard let base = bytes.baseAddress else { return (lineEnds, try state.finish(lineCount: 0)) }
            if memchr(base, 0x0D, count) == nil {
                // Only `\n` ends lines: each found by `memchr`, many bytes at a time.
                while start < count, let found = memchr(base + start, 0x0A, count - start) {
                    let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    try line(start..<end)
                    start = end + 1
                }
                if start < count { try line(start..<count) }
                return (lineEnds, try state.finish(lineCount: lineEnds.count))
            }
            while index < count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                var next = index + 1
                if byte == 0x0D, next < count, bytes[next] == 0x0A { next += 1 }
                try line(start..<index)
                start = next
                index = next
            }
            if start < count { try line(start..<count) }
            return (lineEnds, try state.finish(lineCount: lineEnds.count))
        }

        private mutating func line(_ range: Range<Int>) throws(ConfigError) {
            let index = lineEnds.count
            lineEnds.append(range.upperBound)
            var first = range.lowerBound
            while first < range.upperBound, ASCIILexer.isSpace(bytes[first]) { first += 1 }
            var end = range.upperBound
            while end > first, ASCIILexer.isSpace(bytes[end - 1]) { end -= 1 }
            guard first < end else {
                state.blankOrComment(line: index, isComment: false)
                return
            }
            let lead = bytes[first]
            if lead == UInt8(ascii: "#") || lead == UInt8(ascii: ";") {
                state.blankOrComment(line: index, isComment: true)
                return
            }
            let bytes = bytes
            let value = first..<end
            if state.continuation(
                line: index, indent: first - range.lowerBound, text: { ASCIILexer.string(bytes, value) })
            {
                return
            }
            let startsWithBracket = lead == UInt8(ascii: "[")
            if startsWithBracket, let close = lastClose(value), close > first + 1 {
                try header((first + 1)..<close, line: index)
                return
            }
            try state.requireSection(line: index, startsWithBracket: startsWithBracket)
            var delimiter = first
            while delimiter < end, bytes[delimiter] != UInt8(ascii: "="), bytes[delimiter] != UInt8(ascii: ":") {
                delimiter += 1
            }
            guard delimiter < end else {
                state.missingDelimiter(line: index, startsWithBracket: startsWithBracket)
                return
            }
            var nameEnd = delimiter
            while nameEnd > first, ASCIILexer.isSpace(bytes[nameEnd - 1]) { nameEnd -= 1 }
            var valueStart = delimiter + 1
            while valueStart < end, ASCIILexer.isSpace(bytes[valueStart]) { valueStart += 1 }
            let text = valueString(valueStart..<end)
            // A key resolution reads, already in lower case, is its code's name: no string is made for it.
            let code = ConfigKey(bytes: UnsafeBufferPointer(rebasing: bytes[first..<nameEnd]))
            if code != .other {
                try state.key(code.name, code: code, line: index) { text }
            } else {
                try state.key(ASCIILexer.lowerString(bytes, first..<nameEnd), line: index) { text }
            }
        }

        /// The header whose text is at `range`, on line `line`; a repeated one (but `[DEFAULT]`) is an error.
        private mutating func header(_ range: Range<Int>, line: Int) throws(ConfigError) {
            let text = ASCIILexer.string(bytes, range)
            if !text.isExactly(INILexer.defaultSectionName) {
                let (seen, inserted) = headers.index(of: range, in: bytes)
                guard inserted else {
                    throw .duplicateSection(
                        file: state.file, line: line + 1, header: text, firstLine: headerLines[seen] + 1)
                }
                headerLines.append(line)
            }
            try state.header(text, line: line, checked: true)
        }

        /// The value at `range`, sharing the storage of an equal long value read before.
        private mutating func valueString(_ range: Range<Int>) -> String {
            guard range.count > 15 else { return ASCIILexer.string(bytes, range) }
            let (index, inserted) = longValues.index(of: range, in: bytes)
            if inserted { longValueStrings.append(ASCIILexer.string(bytes, range)) }
            return longValueStrings[index]
        }

        /// The last `]` in `range`.
        private func lastClose(_ range: Range<Int>) -> Int? {
            var index = range.upperBound
            while index > range.lowerBound {
                index -= 1
                if bytes[index] == UInt8(ascii: "]") { return index }
            }
            return nil
        }
    }
}
