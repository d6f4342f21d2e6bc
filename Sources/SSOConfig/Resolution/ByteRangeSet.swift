/// A set of byte ranges of one buffer, compared by their bytes: how the completion names' scan finds
/// a repeated section header among thousands without making a `String` of each.
struct ByteRangeSet {
    /// Open addressing: each slot holds 1 + an index into `ranges`, or 0 when empty.
    private var slots: [Int]
    private var ranges: [Range<Int>] = []

    init(minimumCapacity: Int) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        ranges.reserveCapacity(minimumCapacity)
    }

    /// Adds the bytes at `range` of `buffer`; false when the same bytes were added before.
    mutating func insert(_ range: Range<Int>, of buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        if (ranges.count + 1) * 2 > slots.count { grow(buffer) }
        var slot = Self.hash(buffer[range]) & (slots.count - 1)
        while slots[slot] != 0 {
            let other = ranges[slots[slot] - 1]
            if other.count == range.count, buffer[other].elementsEqual(buffer[range]) { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
        ranges.append(range)
        slots[slot] = ranges.count
        return true
    }

    private mutating func grow(_ buffer: UnsafeBufferPointer<UInt8>) {
        slots = Array(repeating: 0, count: slots.count * 2)
        for (index, range) in ranges.enumerated() {
            var slot = Self.hash(buffer[range]) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = index + 1
        }
    }

    /// FNV-1a, 64 bits.
    private static func hash(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
