/// The moments of the last second's admissions or successes, for ``RatePacer``: appended in time
/// order, so forgetting the old ones drops a prefix (amortized constant time per request, where
/// filtering the whole array cost a pass over a second's worth of requests, about 1,300 at 64 in
/// flight and 50 ms, on every request). Moments appended out of order fall back to filtering.
struct RecentInstants: Sendable {
    private var storage: [ContinuousClock.Instant] = []
    private var start = 0
    private var ordered = true

    /// How many are held.
    var count: Int { storage.count - start }

    mutating func append(_ instant: ContinuousClock.Instant) {
        if let last = storage.last, instant < last { ordered = false }
        storage.append(instant)
    }

    /// Forgets the moments more than `window` before `now`.
    mutating func removeOlder(than window: Duration, now: ContinuousClock.Instant) {
        guard ordered else {
            storage.removeSubrange(0..<start)
            start = 0
            storage.removeAll { now - $0 > window }
            ordered = zip(storage, storage.dropFirst()).allSatisfy { $0 <= $1 }
            return
        }
        while start < storage.count, now - storage[start] > window { start += 1 }
        // Compact once the dropped prefix is at least half of the storage.
        if start > 64, start * 2 >= storage.count {
            storage.removeSubrange(0..<start)
            start = 0
        }
    }
}
