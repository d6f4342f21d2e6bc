import Foundation

/// What the picker shows, without I/O: the query, the matching entries ranked (fuzzy score, then
/// recent and frequent use, then config order) and the selection.
struct ProfilePickerModel {
    let entries: [PickerEntry]
    let history: PickHistory
    let now: Date
    private(set) var query: [UInt8] = []
    /// Indices into `entries`, best first.
    private(set) var matches: [Int] = []
    private(set) var selected = 0
    private let weights: [Double]

    init(entries: [PickerEntry], history: PickHistory, now: Date) {
        self.entries = entries
        self.history = history
        self.now = now
        weights = entries.map { history.weight($0.profile, now: now) }
        refilter()
    }

    var queryText: String { String(decoding: query, as: UTF8.self) }
    var selectedEntry: PickerEntry? { matches.isEmpty ? nil : entries[matches[selected]] }

    mutating func type(_ byte: UInt8) {
        let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        query.append(lower)
        refilter()
    }

    mutating func backspace() {
        guard !query.isEmpty else { return }
        query.removeLast()
        refilter()
    }

    mutating func moveUp() { if !matches.isEmpty { selected = selected == 0 ? matches.count - 1 : selected - 1 } }
    mutating func moveDown() { if !matches.isEmpty { selected = selected == matches.count - 1 ? 0 : selected + 1 } }

    private mutating func refilter() {
        var scored: [(index: Int, score: Double)] = []
        scored.reserveCapacity(entries.count)
        for (index, entry) in entries.enumerated() {
            guard let score = FuzzyMatch.score(query, in: entry.haystack) else { continue }
            scored.append((index, Double(score) + 10 * log2(1 + weights[index])))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.index < $1.index }
        matches = scored.map(\.index)
        selected = 0
    }
}
