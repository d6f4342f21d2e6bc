/// The rate half of ``AdaptiveLimiter``. A limit on requests in flight cannot stay under a limit
/// on requests per second when answers are fast (one request at a time at 20 ms is already 50 a
/// second), so after the first throttle admissions are also paced. When a request admitted at the
/// rate in force is throttled, the rate becomes 90% of what the service let through in the last
/// second (at the first throttle, at least half of what was admitted), and the paced rate it was
/// throttled at is remembered as the ceiling. After each second without a throttle the rate grows:
/// by 20% while no ceiling is known, by 10% while well below it, by 1% near it. It settles just
/// under the service's limit instead of bouncing off it.
struct RatePacer: Sendable {
    static let window: Duration = .seconds(1)
    static let minimumRate = 1.0

    /// Admissions per second; nil until the first throttle (no pacing).
    private(set) var rate: Double?
    private var ceiling: Double?
    private var next: ContinuousClock.Instant?
    private var admissions = RecentInstants()
    private var successes = RecentInstants()
    private var lastDecrease: ContinuousClock.Instant?
    private var lastIncrease: ContinuousClock.Instant?

    /// When the next request may go (now, or a later reserved moment), recorded as an admission.
    mutating func reserve(now: ContinuousClock.Instant) -> ContinuousClock.Instant {
        admissions.removeOlder(than: Self.window, now: now)
        guard let rate else {
            admissions.append(now)
            return now
        }
        let slot = max(now, next ?? now)
        next = slot.advanced(by: .seconds(1 / rate))
        admissions.append(slot)
        return slot
    }

    /// A request reserved at `reservedAt` was throttled.
    mutating func throttled(now: ContinuousClock.Instant, reservedAt: ContinuousClock.Instant) {
        // Requests reserved before the last decrease, or answered within a second of it (while the
        // service's bucket refills), say nothing about the rate in force now.
        if let lastDecrease, reservedAt < lastDecrease || now - lastDecrease < Self.window { return }
        admissions.removeOlder(than: Self.window, now: now)
        successes.removeOlder(than: Self.window, now: now)
        let letThrough = Double(successes.count)
        // Only a throttle at a paced rate says where the service's limit is.
        if let rate { ceiling = rate }
        let decreased = rate.map { min($0, letThrough) } ?? max(letThrough, Double(admissions.count) * 0.5)
        rate = max(Self.minimumRate, decreased * 0.9)
        lastDecrease = now
        lastIncrease = now
    }

    /// A request succeeded: after a whole second without a throttle, the rate grows.
    mutating func succeeded(now: ContinuousClock.Instant) {
        successes.removeOlder(than: Self.window, now: now)
        successes.append(now)
        guard let current = rate, let lastIncrease, now - lastIncrease >= Self.window else { return }
        let growth: Double
        if let ceiling {
            growth = current >= 0.9 * ceiling ? max(0.2, current * 0.01) : max(1, current * 0.1)
        } else {
            growth = max(1, current * 0.2)
        }
        rate = current + growth
        self.lastIncrease = now
    }
}
