import Foundation

/// The lines of a config file kept as the file's bytes and where each line's text ends, so that a
/// large file costs its bytes and one integer a line rather than a `String` a line. A line's break
/// is read back from the bytes after its text (`\r\n`, `\r`, `\n`, or none at the end of the file).
struct LineTable: Sendable, Equatable {
    /// The file's bytes, unchanged.
    let bytes: [UInt8]
    /// The offset in `bytes` where each line's text ends (where its line break starts).
    let ends: [Int]

    init(bytes: [UInt8], ends: [Int]) {
        self.bytes = bytes
        self.ends = ends
    }

    /// The table of lines already split (an edit's lines, or an excerpt's).
    init(lines: [ConfigLine]) {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(lines.count)
        for line in lines {
            bytes.append(contentsOf: line.text.utf8)
            ends.append(bytes.count)
            bytes.append(contentsOf: line.ending.rawValue.utf8)
        }
        self.init(bytes: bytes, ends: ends)
    }

    static let empty = LineTable(bytes: [], ends: [])

    var count: Int { ends.count }

    /// The line break after the text that ends at `end`.
    private func ending(after end: Int) -> LineEnding {
        guard end < bytes.count else { return .none }
        if bytes[end] == 0x0D { return end + 1 < bytes.count && bytes[end + 1] == 0x0A ? .crlf : .cr }
        return .lf
    }

    private func start(of index: Int) -> Int {
        guard index > 0 else { return 0 }
        let previous = ends[index - 1]
        return previous + ending(after: previous).rawValue.utf8.count
    }

    /// The line at `index` (0-based).
    func line(_ index: Int) -> ConfigLine {
        let end = ends[index]
        return ConfigLine(
            text: String(decoding: bytes[start(of: index)..<end], as: UTF8.self), ending: ending(after: end))
    }

    /// The line break of the line at `index`.
    func ending(_ index: Int) -> LineEnding {
        ending(after: ends[index])
    }

    /// Every line, as `LineSplitter` splits the bytes.
    var lines: [ConfigLine] {
        ends.indices.map(line)
    }

    /// The line break most lines use (the first one seen on a tie); `\n` when none.
    var dominantEnding: LineEnding {
        LineSplitter.dominantEnding(of: ends.lazy.map(ending(after:)))
    }
}
