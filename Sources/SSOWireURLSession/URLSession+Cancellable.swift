import Foundation
import SSOWire

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension URLSession {
    /// `data(for:)` whose cancellation cannot deadlock.
    ///
    /// On Linux, Foundation's own async `data(for:)` cancels its URLSessionTask synchronously from
    /// the Swift task's cancellation handler (which holds the task's status lock) while the session's
    /// queue may be resuming that very task (which needs the same lock): cancelling a request at the
    /// moment it completes hangs the process (seen in a cancelled warm-up). Here the cancellation hops
    /// to an actor first, so nothing waits on the session's queue while holding the task's lock; the
    /// completion handler is the only place the continuation is resumed.
    func cancellableData(for request: URLRequest) async throws -> (Data, URLResponse) {
        let handle = DataTaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation {
                (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let data, let response {
                        continuation.resume(returning: (data, response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                task.resume()
                Task { await handle.attach(task) }
            }
        } onCancel: {
            Task { await handle.cancel() }
        }
    }
}

/// The data task of one request, cancelled from outside the Swift task's cancellation handler.
private actor DataTaskHandle {
    private var task: URLSessionDataTask?
    private var cancelled = false

    func attach(_ task: URLSessionDataTask) {
        if cancelled {
            task.cancel()
        } else {
            self.task = task
        }
    }

    func cancel() {
        cancelled = true
        task?.cancel()
        task = nil
    }
}
