import Foundation

/// What the picker shows, without I/O: the query, the matching entries ranked (fuzzy score, then
/// recent and frequent use, then config order) and the selection. The credentials' expiry of a row
/// is looked up (through `expiry`) only when the row is about to be shown, once.
struct ProfilePickerModel {
    private(set) var entries: [PickerEntry]
    let history: PickHistory
    let now: Date
    private(set) var query: [UInt8] = []
    /// Indices into `entries`, best first.
    private(set) var matches: [Int] = []
    private(set) var selected = 0
    private var weights: [Double]
    private let expiry: ((PickerEntry) -> Date?)?
    /// Rows whose expiry has been looked up.
    private var lookedUp: Set<Int> = []

    init(entries: [PickerEntry], history: PickHistory, now: Date, expiry: ((PickerEntry) -> Date?)? = nil) {
        self.entries = entries
        self.expiry = expiry
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

    /// Replaces the rows (the full read of the config after a first frame drawn from a quick scan),
    /// keeping the query; the selection goes back to the best match.
    mutating func replace(_ entries: [PickerEntry]) {
        guard entries != self.entries else { return }
        self.entries = entries
        weights = entries.map { history.weight($0.profile, now: now) }
        lookedUp = []
        refilter()
    }

    /// Looks up the expiry of the rows at `indices` of `entries` not looked up yet.
    mutating func lookUpExpiry<Indices: Sequence<Int>>(_ indices: Indices) {
        guard let expiry else { return }
        for index in indices where lookedUp.insert(index).inserted {
            entries[index].expiresAt = expiry(entries[index])
        }
    }

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
