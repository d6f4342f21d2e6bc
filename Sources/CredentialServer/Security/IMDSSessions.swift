import Foundation

/// The IMDSv2 session tokens handed out by `PUT /latest/api/token`: random, each valid for the TTL the
/// client asked (1 s to 6 h, as EC2's), at most `capacity` at once (the oldest are dropped first).
actor IMDSSessions {
    private var expiries: [String: ContinuousClock.Instant] = [:]
    private var order: [String] = []
    private let capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
    }

    /// The accepted TTLs, in seconds.
    static let ttlRange = 1...21_600

    /// A new token valid for `ttl` seconds.
    func issue(ttl: Int) -> String {
        let token = ServerToken.random().reveal()
        let now = ContinuousClock.Instant.now
        for expired in order where (expiries[expired] ?? now) <= now { expiries.removeValue(forKey: expired) }
        order.removeAll { expiries[$0] == nil }
        if order.count >= capacity, let oldest = order.first {
            order.removeFirst()
            expiries.removeValue(forKey: oldest)
        }
        expiries[token] = now + .seconds(ttl)
        order.append(token)
        return token
    }

    /// True when `token` was issued here and has not expired.
    func isValid(_ token: String?) -> Bool {
        guard let token, let expiry = expiries[token] else { return false }
        return ContinuousClock.Instant.now < expiry
    }
}
