#if os(Linux)
    import Foundation
    import Glibc

    /// The agent's alarm on Linux: a `timerfd` on `CLOCK_REALTIME` armed at the next pass's wall-clock time
    /// with `TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET`. The kernel wakes its thread at that time even
    /// across a suspend, and at once when the wall clock is set or the machine resumes (the read fails
    /// with `ECANCELED`): no periodic re-check is needed to notice either.
    struct WallClockAlarm: AgentAlarm {
        private let descriptor: Int32

        var followsWallClock: Bool { true }

        /// Runs `body` with an alarm that reports into `wake`; nil when timerfd is not available.
        static func with<Result>(
            wake: @escaping @Sendable (AgentWake) -> Void, body: (WallClockAlarm?) async throws -> Result
        ) async throws -> Result {
            guard let create = TimerFD.create, TimerFD.setTime != nil else { return try await body(nil) }
            let descriptor = create(CLOCK_REALTIME, TimerFD.createFlags)
            guard descriptor >= 0 else { return try await body(nil) }
            let reader: @Sendable (BlockingThread) -> Void = { thread in
                var expirations: UInt64 = 0
                while thread.wait() == .readable {
                    let count = read(thread.descriptor, &expirations, MemoryLayout<UInt64>.size)
                    if let reading = AlarmReading(readResult: count, errorNumber: errno).wake { wake(reading) }
                }
            }
            return try await BlockingThread.with(descriptor: descriptor, thread: reader) {
                try await body(WallClockAlarm(descriptor: descriptor))
            }
        }

        func arm(at deadline: Date, now: Date) async {
            // A deadline past the largest time_t the kernel takes is as good as never; a year is far enough.
            let capped = min(deadline, now.addingTimeInterval(365 * 24 * 3600)).timeIntervalSince1970
            let seconds = capped.rounded(.down)
            var value = itimerspec()
            value.it_value.tv_sec = Int(max(seconds, 1))
            value.it_value.tv_nsec = seconds >= 1 ? Int((capped - seconds) * 1e9) : 0
            _ = TimerFD.setTime?(descriptor, TimerFD.absoluteTime | TimerFD.cancelOnSet, &value, nil)
        }
    }
#endif
