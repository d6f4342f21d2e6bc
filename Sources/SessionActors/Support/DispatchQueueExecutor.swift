import Dispatch

/// A serial executor on a dispatch queue of its own, for an actor that blocks in system calls (the
/// credential file writer): its jobs run there, not on the cooperative pool the other tasks share.
final class DispatchQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}
