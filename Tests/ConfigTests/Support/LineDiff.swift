import SSOConfig

/// The lines (text and line break) of a rendered document, for comparing before and after an edit.
func renderedLines(_ document: ConfigDocument) -> [String] {
    document.lines.map { $0.text + $0.ending.rawValue }
}

/// A line diff by longest common subsequence: which old lines went away and which new lines came,
/// as (index, line) pairs, so a test can say exactly which lines an edit may touch.
struct LineDiff: Equatable, CustomStringConvertible {
    var removed: [Int: String] = [:]
    var added: [Int: String] = [:]

    init(_ old: [String], _ new: [String]) {
        let rows = old.count
        let columns = new.count
        var table = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var i = 0
        var j = 0
        while i < rows || j < columns {
            if i < rows, j < columns, old[i] == new[j] {
                i += 1
                j += 1
            } else if j < columns, i == rows || table[i][j + 1] >= table[i + 1][j] {
                added[j] = new[j]
                j += 1
            } else {
                removed[i] = old[i]
                i += 1
            }
        }
    }

    var description: String {
        let minus = removed.sorted { $0.key < $1.key }.map { "-\($0.key): \($0.value.debugDescription)" }
        let plus = added.sorted { $0.key < $1.key }.map { "+\($0.key): \($0.value.debugDescription)" }
        return (minus + plus).joined(separator: "\n")
    }
}
