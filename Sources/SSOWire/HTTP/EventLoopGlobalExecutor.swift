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
/// from there. SwiftNIO's own installer looks the runtime's hook up with `dlsym`, which finds nothing in
/// the installed `--static-swift-stdlib` binary; `GlobalExecutorHook` references it at link time.
///
/// A job enqueued from a loop stays on that loop, so a task group started there runs its children one
/// after another: right for requests, which wait on the network, wrong for work that needs both cores
/// (reading 10,000 cache files, rendering a large status), and wrong for a server, whose connections'
/// tasks, started by one accept loop, would all share one loop. So the fan-out commands (`login`, and
/// `exec` without `--server`) arm it (``installAtFirstRequest()``) and the first request a
/// `NIOHTTPTransport` sends installs it: a run that sends nothing (`login --all` with everything fresh)
/// keeps the runtime's pool, as `status`, `serve` and `agent` always do.
public enum EventLoopGlobalExecutor {
    /// Installs the hook at once; false when another hook was installed first (nothing changes then).
    @discardableResult
    public static func install() -> Bool {
        multisso_install_global_enqueue(enqueueOnEventLoop)
    }

    /// Arms the hook: the first request a `NIOHTTPTransport` sends from now on installs it.
    public static func installAtFirstRequest() {
        multisso_arm_global_enqueue(enqueueOnEventLoop)
    }

    /// Installs the armed hook, the first time after ``installAtFirstRequest()`` (one atomic load
    /// otherwise); whether it did.
    @discardableResult
    static func installIfArmed() -> Bool {
        multisso_install_armed_global_enqueue()
    }

    /// The hook's work: `job` (a `swift::Job *`, the pointer `UnownedJob` wraps) to an event loop;
    /// `any()` stays on the loop it is called from, so a job enqueued by a loop runs there.
    private static let enqueueOnEventLoop: multisso_job_enqueuer = { job in
        let unowned = unsafeBitCast(job, to: UnownedJob.self)
        MultiThreadedEventLoopGroup.singleton.any().executor.enqueue(ExecutorJob(unowned))
    }
}
