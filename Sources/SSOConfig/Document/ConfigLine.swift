import Foundation

/// The end of one line as it was in the file, kept so that writing the file back gives the same bytes.
public enum LineEnding: String, Sendable, Hashable {
    case lf = "\n"
    case crlf = "\r\n"
    case cr = "\r"
    /// The last line of a file that does not end with a line break.
    case none = ""
}

/// One line of the config file: its text without the line break, and the line break itself.
public struct ConfigLine: Sendable, Hashable {
    public var text: String
    public var ending: LineEnding

    public init(text: String, ending: LineEnding) {
        self.text = text
        self.ending = ending
    }
}

/// Splits the bytes of a config file into lines the way Python's universal-newline reading does
/// (`\n`, `\r\n` and a lone `\r` each end a line), checking that every line is valid UTF-8 text.
enum LineSplitter {
    static func split(_ data: Data, file: URL) throws(ConfigError) -> [ConfigLine] {
        try split([UInt8](data), file: file)
    }

    static func split(_ bytes: [UInt8], file: URL) throws(ConfigError) -> [ConfigLine] {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw .byteOrderMark(file: file) }
        // Validate the whole file once; lines are then cut at ASCII line breaks, which never split a
        // scalar, so each line is valid too and is decoded without a second check. (Validating line by
        // line instantiated generic metadata for every line: most of the cost of reading a large file.)
        let valid = String(validating: bytes, as: UTF8.self) != nil
        var lines: [ConfigLine] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                var ending = LineEnding.lf
                var next = index + 1
                if byte == 0x0D {
                    if next < bytes.count, bytes[next] == 0x0A {
                        ending = .crlf
                        next += 1
                    } else {
                        ending = .cr
                    }
                }
                lines.append(
                    ConfigLine(
                        text: try decode(bytes[start..<index], valid: valid, line: lines.count + 1, file: file),
                        ending: ending))
                start = next
                index = next
            } else {
                index += 1
            }
        }
        if start < bytes.count {
            lines.append(
                ConfigLine(
                    text: try decode(bytes[start...], valid: valid, line: lines.count + 1, file: file), ending: .none))
        }
        return lines
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, valid: Bool, line: Int, file: URL) throws(ConfigError)
        -> String
    {
        if bytes.contains(0) { throw .nulByte(file: file, line: line) }
        if valid { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidUTF8(file: file, line: line)
        }
        return text
    }

    /// The line break most lines of the document use (the first one seen on a tie); `\n` when none.
    static func dominantEnding(of lines: [ConfigLine]) -> LineEnding {
        dominantEnding(of: lines.lazy.map(\.ending))
    }

    /// The line break most of `endings` are (the first one seen on a tie); `\n` when none.
    static func dominantEnding(of endings: some Sequence<LineEnding>) -> LineEnding {
        var counts: [LineEnding: Int] = [:]
        var order: [LineEnding] = []
        for ending in endings where ending != .none {
            if counts[ending] == nil { order.append(ending) }
            counts[ending, default: 0] += 1
        }
        var best = LineEnding.lf
        var bestCount = 0
        for ending in order where counts[ending, default: 0] > bestCount {
            best = ending
            bestCount = counts[ending, default: 0]
        }
        return best
    }
}
