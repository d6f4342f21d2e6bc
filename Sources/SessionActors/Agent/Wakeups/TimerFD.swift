#if os(Linux)
    import FileStore
    import Glibc

    /// The Linux `timerfd` calls, which the Swift `Glibc` module does not declare (`sys/timerfd.h` is
    /// not in it): looked up once by symbol and called with their C signatures; nil where the C library
    /// lacks them.
    enum TimerFD {
        typealias Create = @convention(c) (Int32, Int32) -> Int32
        typealias SetTime =
            @convention(c) (Int32, Int32, UnsafePointer<itimerspec>?, UnsafeMutablePointer<itimerspec>?) -> Int32

        /// `TFD_TIMER_ABSTIME`: the expiry is a time on the timer's clock, not a delay.
        static let absoluteTime: Int32 = 1
        /// `TFD_TIMER_CANCEL_ON_SET`: a read fails with `ECANCELED` once the wall clock is set.
        static let cancelOnSet: Int32 = 2
        /// `TFD_CLOEXEC | TFD_NONBLOCK` (the values of `O_CLOEXEC` and `O_NONBLOCK`).
        static let createFlags: Int32 = 0o2_000_000 | 0o4000

        /// `timerfd_create(clockid, flags)`.
        static var create: Create? { CFunctionLookup.function(createAddress, as: Create.self) }
        /// `timerfd_settime(fd, flags, new, old)`.
        static var setTime: SetTime? { CFunctionLookup.function(setTimeAddress, as: SetTime.self) }

        // Kept as plain addresses: a C function pointer type is not `Sendable`, an integer is.
        private static let createAddress = CFunctionLookup.address(of: "timerfd_create")
        private static let setTimeAddress = CFunctionLookup.address(of: "timerfd_settime")
    }
#endif
