/// A unified diff (`diff -u` format) between two texts, for `configure generate --dry-run`.
///
/// Lines are matched with patience diffing (lines that occur once on each side anchor the match,
/// the gaps between anchors are diffed recursively, small gaps by longest common subsequence), which
/// stays fast for config files with thousands of profiles and keeps whole sections together.
public enum UnifiedDiff {
    enum Operation: Equatable {
        case equal(String)
        case delete(String)
        case insert(String)
    }

    /// The diff of `old` and `new` with `context` lines around each change, or "" when they are equal.
    public static func render(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String
    {
        let operations = diff(lines(old), lines(new))
        guard operations.contains(where: { if case .equal = $0 { false } else { true } }) else { return "" }
        var output = "--- \(oldLabel)\n+++ \(newLabel)\n"
        for hunk in hunks(operations, context: context) { output += hunk }
        return output
    }

    /// The lines of a text, each with its line break (the last one may have none).
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" || character == "\r" {
                result.append(current)
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    static func diff(_ old: [String], _ new: [String]) -> [Operation] {
        var output: [Operation] = []
        diff(old[...], new[...], into: &output)
        return output
    }

    private static func diff(_ old: ArraySlice<String>, _ new: ArraySlice<String>, into output: inout [Operation]) {
        var old = old
        var new = new
        var prefix: [Operation] = []
        while let a = old.first, let b = new.first, a == b {
            prefix.append(.equal(a))
            old = old.dropFirst()
            new = new.dropFirst()
        }
        var suffix: [Operation] = []
        while let a = old.last, let b = new.last, a == b {
            suffix.append(.equal(a))
            old = old.dropLast()
            new = new.dropLast()
        }
        output += prefix
        defer { output += suffix.reversed() }
        if old.isEmpty || new.isEmpty {
            output += old.map(Operation.delete) + new.map(Operation.insert)
            return
        }
        let anchors = uniqueAnchors(old, new)
        if anchors.isEmpty {
            output += smallDiff(old, new)
            return
        }
        var oldStart = old.startIndex
        var newStart = new.startIndex
        for (oldIndex, newIndex) in anchors {
            diff(old[oldStart..<oldIndex], new[newStart..<newIndex], into: &output)
            output.append(.equal(old[oldIndex]))
            oldStart = oldIndex + 1
            newStart = newIndex + 1
        }
        diff(old[oldStart...], new[newStart...], into: &output)
    }

    /// Pairs of indices of lines that occur exactly once on each side, the longest run of them that
    /// is increasing on both sides.
    private static func uniqueAnchors(_ old: ArraySlice<String>, _ new: ArraySlice<String>) -> [(Int, Int)] {
        var counts: [String: (old: Int, new: Int, oldIndex: Int)] = [:]
        for index in old.indices {
            let entry = counts[old[index], default: (0, 0, index)]
            counts[old[index]] = (entry.old + 1, entry.new, entry.oldIndex)
        }
        var pairs: [(Int, Int)] = []
        var newCounts: [String: Int] = [:]
        for line in new { newCounts[line, default: 0] += 1 }
        for index in new.indices {
            guard let entry = counts[new[index]], entry.old == 1, newCounts[new[index]] == 1 else { continue }
            pairs.append((entry.oldIndex, index))
        }
        // Longest increasing subsequence of old indices (pairs are in new order), by patience sorting.
        var tails: [Int] = []
        var previous = [Int](repeating: -1, count: pairs.count)
        for (position, pair) in pairs.enumerated() {
            var low = 0
            var high = tails.count
            while low < high {
                let middle = (low + high) / 2
                if pairs[tails[middle]].0 < pair.0 { low = middle + 1 } else { high = middle }
            }
            if low > 0 { previous[position] = tails[low - 1] }
            if low == tails.count { tails.append(position) } else { tails[low] = position }
        }
        var result: [(Int, Int)] = []
        var cursor = tails.last ?? -1
        while cursor >= 0 {
            result.append(pairs[cursor])
            cursor = previous[cursor]
        }
        return result.reversed()
    }

    /// Longest common subsequence for gaps without unique lines; very large gaps are shown as a
    /// whole deletion then insertion rather than spending quadratic time on them.
    private static func smallDiff(_ old: ArraySlice<String>, _ new: ArraySlice<String>) -> [Operation] {
        let a = Array(old)
        let b = Array(new)
        guard a.count * b.count <= 4_000_000 else { return a.map(Operation.delete) + b.map(Operation.insert) }
        let width = b.count + 1
        var table = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i * width + j] =
                    a[i] == b[j]
                    ? table[(i + 1) * width + j + 1] + 1 : max(table[(i + 1) * width + j], table[i * width + j + 1])
            }
        }
        var result: [Operation] = []
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                result.append(.equal(a[i]))
                i += 1
                j += 1
            } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
                result.append(.delete(a[i]))
                i += 1
            } else {
                result.append(.insert(b[j]))
                j += 1
            }
        }
        return result + a[i...].map(Operation.delete) + b[j...].map(Operation.insert)
    }

    /// Groups the operations into `@@` hunks with `context` unchanged lines around each change.
    private static func hunks(_ operations: [Operation], context: Int) -> [String] {
        let changed = operations.indices.filter { if case .equal = operations[$0] { false } else { true } }
        var groups: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(operations.count - 1, index + context)
            if let last = groups.last, range.lowerBound <= last.upperBound + 1 {
                groups[groups.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                groups.append(range)
            }
        }
        // Line numbers before each operation.
        var oldLine = [Int](repeating: 0, count: operations.count + 1)
        var newLine = [Int](repeating: 0, count: operations.count + 1)
        for (index, operation) in operations.enumerated() {
            oldLine[index + 1] = oldLine[index] + (operation.isInsert ? 0 : 1)
            newLine[index + 1] = newLine[index] + (operation.isDelete ? 0 : 1)
        }
        return groups.map { range in
            let oldCount = oldLine[range.upperBound + 1] - oldLine[range.lowerBound]
            let newCount = newLine[range.upperBound + 1] - newLine[range.lowerBound]
            var text =
                "@@ -\(span(oldLine[range.lowerBound], oldCount)) +\(span(newLine[range.lowerBound], newCount)) @@\n"
            for operation in operations[range] {
                switch operation {
                case .equal(let line): text += " " + printable(line)
                case .delete(let line): text += "-" + printable(line)
                case .insert(let line): text += "+" + printable(line)
                }
            }
            return text
        }
    }

    /// `start,count` as diff writes it: the first line (1-based), or the line before an empty range.
    private static func span(_ before: Int, _ count: Int) -> String {
        let start = count == 0 ? before : before + 1
        return count == 1 ? "\(start)" : "\(start),\(count)"
    }

    private static func printable(_ line: String) -> String {
        if line.hasSuffix("\n") || line.hasSuffix("\r\n") || line.hasSuffix("\r") { return line }
        return line + "\n\\ No newline at end of file\n"
    }
}

extension UnifiedDiff.Operation {
    var isInsert: Bool { if case .insert = self { true } else { false } }
    var isDelete: Bool { if case .delete = self { true } else { false } }
}
