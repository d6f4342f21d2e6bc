import GlobalExecutorHook
import NIOCore
import NIOPosix

/// Runs Swift concurrency's global executor on the event loops of the HTTP client
/// (`MultiThreadedEventLoopGroup.singleton`, which `NIOHTTPTransport` uses), as SwiftNIO's
/// `unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor` does.
///
/// Why: a fan-out of thousands of requests otherwise crosses threads twice per request: each response
/// read on an event loop wakes a thread of the runtime's pool to resume its task (a futex), and each
/// request sent from that pool wakes an event loop (an eventfd). With the loops as the global executor,
/// a task resumed by a response runs on the loop that read it, and the request it sends next goes out
/// from there. Measured on `login --all` at 10,000 profiles: a quarter less kernel time, futex calls
/// from about 7 per profile to under 0.5 (`Benchmarks/run --scale`). SwiftNIO's own installer looks the
/// runtime's hook up with `dlsym`, which finds nothing in the installed `--static-swift-stdlib` binary;
/// `GlobalExecutorHook` references it at link time instead.
///
/// Install it once, at the start of `main`, before any task other than the main one exists. Jobs that
/// block a thread (none of the library's do) would then block an event loop.
public enum EventLoopGlobalExecutor {
    /// Installs the hook; false when another hook was installed first (nothing changes then).
    @discardableResult
    public static func install() -> Bool {
        multisso_install_global_enqueue { job in
            // A `swift::Job *`, the same pointer `UnownedJob` wraps.
            let unowned = unsafeBitCast(job, to: UnownedJob.self)
            // `any()` stays on the loop it is called from, so a job enqueued by a loop runs there.
            MultiThreadedEventLoopGroup.singleton.any().executor.enqueue(ExecutorJob(unowned))
        }
    }
}
