import Foundation

/// A token bucket per operation: `rate` tokens a second up to `burst`; a request takes one token or
/// is throttled. Rate and burst are read on every request, so they follow the knobs at run time.
actor RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updatedAt: ContinuousClock.Instant
    }

    private var buckets: [String: Bucket] = [:]
    private let clock = ContinuousClock()

    /// Takes a token for `operation`; returns false when the request must be throttled.
    func admit(_ operation: String, rate: Double, burst: Int) -> Bool {
        let now = clock.now
        let capacity = Double(max(1, burst))
        var bucket = buckets[operation] ?? Bucket(tokens: capacity, updatedAt: now)
        let elapsed = (now - bucket.updatedAt).seconds
        bucket.tokens = min(capacity, bucket.tokens + elapsed * max(0, rate))
        bucket.updatedAt = now
        let admitted = bucket.tokens >= 1
        if admitted { bucket.tokens -= 1 }
        buckets[operation] = bucket
        return admitted
    }

    func reset() {
        buckets = [:]
    }
}
