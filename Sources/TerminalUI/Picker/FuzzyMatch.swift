/// The picker's filter: the query's characters must appear in order in the entry's text (a
/// subsequence, case-insensitive); matches score higher when they are consecutive, start a word
/// (after a space, `-`, `_`, `.` or `/`) or come early.
enum FuzzyMatch {
    /// The score of `query` (lower-cased bytes) in `text`, or nil when it does not match.
    static func score(_ query: [UInt8], in text: [UInt8]) -> Int? {
        guard !query.isEmpty else { return 0 }
        var score = 0
        var position = 0
        var previous = -2
        for character in query {
            var found: Int?
            while position < text.count {
                if text[position] == character {
                    found = position
                    break
                }
                position += 1
            }
            guard let index = found else { return nil }
            score += 10
            if index == previous + 1 { score += 15 }
            if index == 0 || Self.separators.contains(text[index - 1]) { score += 20 }
            if index < 8 { score += 8 - index }
            previous = index
            position = index + 1
        }
        return score - text.count / 8
    }

    static let separators: Set<UInt8> = [
        UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "/"),
    ]
}
