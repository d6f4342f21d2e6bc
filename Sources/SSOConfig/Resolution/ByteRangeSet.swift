/// A set of byte ranges of one buffer, compared by their bytes: how the config scans find
/// a repeated section header among thousands without making a `String` of each.
struct ByteRangeSet {
    /// Open addressing: each slot holds 1 + an index into `ranges`, or 0 when empty.
    private var slots: [Int]
    /// The ranges added, as bounds: an array of `Range<Int>` would cost the first run a lookup of
    /// `Int: Comparable` among every conformance in the binary (`credential-process` start-up).
    private var ranges: [(lower: Int, upper: Int)] = []

    init(minimumCapacity: Int) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        ranges.reserveCapacity(minimumCapacity)
    }

    /// Adds the bytes at `range` of `buffer`; false when the same bytes were added before.
    mutating func insert(_ range: Range<Int>, of buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        index(of: range, in: buffer).inserted
    }

    /// The number (in the order added) of the range with the same bytes as `range`, which is added
    /// when there is none.
    mutating func index(of range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        if (ranges.count + 1) * 2 > slots.count { grow(buffer) }
        var slot = Self.hash(buffer, range) & (slots.count - 1)
        while slots[slot] != 0 {
            let other = ranges[slots[slot] - 1].lower..<ranges[slots[slot] - 1].upper
            if other.count == range.count, buffer[other].elementsEqual(buffer[range]) {
                return (slots[slot] - 1, false)
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        ranges.append((range.lowerBound, range.upperBound))
        slots[slot] = ranges.count
        return (ranges.count - 1, true)
    }

    private mutating func grow(_ buffer: UnsafeBufferPointer<UInt8>) {
        slots = Array(repeating: 0, count: slots.count * 2)
        for (index, bounds) in ranges.enumerated() {
            var slot = Self.hash(buffer, bounds.lower..<bounds.upper) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = index + 1
        }
    }

    /// A multiplicative hash of the bytes, eight at a time.
    private static func hash(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var hash = 0xcbf2_9ce4_8422_2325 ^ UInt64(range.count)
        var index = range.lowerBound
        while index + 8 <= range.upperBound {
            hash = (hash ^ UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            index += 8
        }
        while index < range.upperBound {
            hash = (hash ^ UInt64(base[index])) &* 0x0000_0100_0000_01B3
            index += 1
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32))
    }
}
