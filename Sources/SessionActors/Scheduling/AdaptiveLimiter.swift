import Foundation

/// Admits requests to the portal so that a warm-up of thousands of profiles runs as fast as the
/// service allows and no faster: the number of requests in flight grows while calls succeed, halves
/// when the service throttles (HTTP 429), and pauses all admissions for a `Retry-After`.
///
/// It is additive-increase / multiplicative-decrease, as TCP congestion control: one more slot after
/// every `limit` successes, half the slots after a throttle (at most once per round of requests, so a
/// burst of 429s from the same round counts once). Like TCP, it starts in slow start: until the first
/// throttle every success adds a slot, so the limit doubles each round and a large warm-up reaches the
/// maximum within a few round trips instead of growing by one slot per round. After the first
/// throttle, admissions are also paced by rate (``RatePacer``), so that fast answers cannot push
/// the request rate past the service's limit.
public actor AdaptiveLimiter {
    /// The limiter's bounds and starting point.
    public struct Configuration: Sendable, Hashable {
        /// 16: slow start reaches 64 within two round trips, and a first round that meets a
        /// throttle (a service's burst is often 10 or 20) loses few requests.
        public var initialLimit: Int = 16
        public var minimumLimit: Int = 1
        /// 64: the connections per host of the production transport (`NIOHTTPTransport.connectionsPerHost`);
        /// more in flight would only queue for a connection.
        public var maximumLimit: Int = 64

        public init(initialLimit: Int = 16, minimumLimit: Int = 1, maximumLimit: Int = 64) {
            self.initialLimit = initialLimit
            self.minimumLimit = minimumLimit
            self.maximumLimit = maximumLimit
        }

        /// STS `AssumeRole`'s: it starts at the maximum. Its request quota per account is far above the
        /// portal's, so a first round of 64 rarely meets a throttle, and in a warm-up of role chains
        /// slow start would cost round trips on every wave of hops; the first throttle halves the
        /// limit and paces admissions as for the portal.
        public static let sts = Configuration(initialLimit: 64)
    }

    /// A snapshot for progress lines, reports and tests.
    public struct Snapshot: Sendable, Hashable {
        public var limit: Int
        public var inFlight: Int
        public var waiting: Int
        public var throttles: Int
        public var maxInFlight: Int
        /// The paced rate in requests a second, nil while unpaced (before any throttle).
        public var rate: Double?
    }

    /// What the service said when it throttled a request.
    public struct Throttling: Sendable, Hashable {
        /// The `Retry-After` it asked for, if any.
        public var retryAfter: Duration?

        public init(retryAfter: Duration?) {
            self.retryAfter = retryAfter
        }
    }

    private let configuration: Configuration
    private var limit: Double
    private var inFlight = 0
    private var maxInFlight = 0
    private var throttles = 0
    private var waiters: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0
    private var pausedUntil: ContinuousClock.Instant?
    private var round = 0
    private var lastDecreaseRound = -1
    private var successesSinceIncrease = 0
    /// True until the first throttle: every success adds a slot.
    private var slowStart = true
    private var pacer = RatePacer()

    public init(_ configuration: Configuration = .init()) {
        self.configuration = configuration
        self.limit = Double(
            max(configuration.minimumLimit, min(configuration.initialLimit, configuration.maximumLimit)))
    }

    public func snapshot() -> Snapshot {
        Snapshot(
            limit: Int(limit), inFlight: inFlight, waiting: waiters.count, throttles: throttles,
            maxInFlight: maxInFlight,
            rate: pacer.rate)
    }

    /// Runs `operation` once a slot is free and no pause is in force, reporting its outcome to the limiter.
    /// - Returns: the operation's result; the round at which it was admitted decides whether a throttle
    ///   it meets halves the limit.
    public func withPermit<T: Sendable>(
        _ operation: @Sendable () async throws -> T,
        throttling: @Sendable (any Error) -> Throttling?
    ) async throws -> T {
        let (admittedRound, reservedAt) = try await acquire()
        do {
            let value = try await operation()
            pacer.succeeded(now: .now)
            release(success: true)
            return value
        } catch {
            if let throttled = throttling(error) {
                recordThrottle(admittedRound: admittedRound, retryAfter: throttled.retryAfter)
                pacer.throttled(now: .now, reservedAt: reservedAt)
            }
            release(success: false)
            throw error
        }
    }

    /// A slot in flight and a paced moment to go: the round and the moment the moment was reserved.
    private func acquire() async throws -> (round: Int, reservedAt: ContinuousClock.Instant) {
        let round = try await acquireSlot()
        let reservedAt = ContinuousClock.now
        let slot = pacer.reserve(now: reservedAt)
        if slot > .now {
            do {
                try await Task.sleep(until: slot, clock: .continuous)
            } catch {
                release(success: false)
                throw error
            }
        }
        return (round, reservedAt)
    }

    private func acquireSlot() async throws -> Int {
        while true {
            try Task.checkCancellation()
            if let until = pausedUntil {
                if until > .now {
                    try await Task.sleep(until: until, clock: .continuous)
                    continue
                }
                pausedUntil = nil
            }
            if inFlight < Int(limit) {
                inFlight += 1
                maxInFlight = max(maxInFlight, inFlight)
                return round
            }
            let id = nextID
            nextID += 1
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    if Task.isCancelled {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        waiters.append((id, continuation))
                    }
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        }
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    private func release(success: Bool) {
        inFlight -= 1
        if success {
            successesSinceIncrease += 1
            if slowStart {
                limit = min(Double(configuration.maximumLimit), limit + 1)
            }
            if successesSinceIncrease >= Int(limit) {
                successesSinceIncrease = 0
                if !slowStart { limit = min(Double(configuration.maximumLimit), limit + 1) }
                round += 1
            }
        }
        wakeWaiters()
    }

    private func recordThrottle(admittedRound: Int, retryAfter: Duration?) {
        throttles += 1
        slowStart = false
        if admittedRound > lastDecreaseRound {
            limit = max(Double(configuration.minimumLimit), (limit / 2).rounded(.down))
            lastDecreaseRound = round
            round += 1
            successesSinceIncrease = 0
        }
        if let retryAfter, retryAfter > .zero {
            let until = ContinuousClock.now.advanced(by: retryAfter)
            if pausedUntil.map({ until > $0 }) ?? true { pausedUntil = until }
        }
    }

    private func wakeWaiters() {
        // Wake as many waiters as there are free slots; each re-checks the limit and any pause itself.
        var free = Int(limit) - inFlight
        while free > 0, !waiters.isEmpty {
            waiters.removeFirst().continuation.resume()
            free -= 1
        }
    }
}
