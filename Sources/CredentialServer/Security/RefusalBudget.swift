import Foundation

/// A token bucket for requests refused for a missing or wrong token: past the budget they are answered
/// 429 without being examined, so a flood of guesses costs the server almost nothing and never delays
/// requests that carry the right token (those never draw from it).
actor RefusalBudget {
    private let perSecond: Double
    private let burst: Double
    private var available: Double
    private var last: ContinuousClock.Instant

    init(perSecond: Double) {
        self.perSecond = perSecond
        burst = max(1, perSecond * 2)
        available = burst
        last = .now
    }

    /// Takes one refusal from the budget; false when it is spent.
    func take() -> Bool {
        let now = ContinuousClock.Instant.now
        let elapsed = last.duration(to: now)
        last = now
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        available = min(burst, available + seconds * perSecond)
        guard available >= 1 else { return false }
        available -= 1
        return true
    }
}
