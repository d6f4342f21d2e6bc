import Foundation

/// The one-shot receiver of the browser login's redirect: listens on 127.0.0.1 on an ephemeral
/// port, answers only `GET /oauth/callback` (other paths get 404 and it keeps waiting), checks
/// `state`, and hands back exactly one authorization code. The blocking socket work runs on a
/// dedicated thread bridged with a continuation, so no cooperative thread is ever blocked;
/// cancelling the waiting task wakes the thread at once.
public actor LoopbackListener {
    /// The port the OS chose.
    public nonisolated let port: UInt16
    private let listenDescriptor: Int32
    private let wakeReadDescriptor: Int32
    private nonisolated let wakeWriteDescriptor: Int32
    private var state: State = .ready

    private enum State { case ready, waiting, finished, closed }

    /// Binds 127.0.0.1:0 and starts listening (connections queue until ``waitForCode(expectedState:timeout:)``).
    /// - Throws: ``LoginError/listenerUnavailable(reason:)``.
    public init() throws(LoginError) {
        let (descriptor, port) = try LoopbackSocket.listenOnLoopback()
        let wake: (read: Int32, write: Int32)
        do {
            wake = try LoopbackSocket.wakePipe()
        } catch {
            LoopbackSocket.closeDescriptor(descriptor)
            throw error
        }
        self.listenDescriptor = descriptor
        self.port = port
        self.wakeReadDescriptor = wake.read
        self.wakeWriteDescriptor = wake.write
    }

    deinit {
        switch state {
        case .ready, .waiting: closeDescriptors()
        case .finished, .closed: break
        }
    }

    /// Whether ``waitForCode(expectedState:timeout:)`` has begun and not ended: a test's rendezvous
    /// before it cancels or closes a pending wait.
    var isWaiting: Bool { state == .waiting }

    /// `http://127.0.0.1:<port>/oauth/callback`.
    public nonisolated var redirectURI: String { AuthorizeURL.redirectURI(port: port) }

    /// Waits for the redirect and returns its authorization code. Can be called once.
    /// - Throws: ``LoginError/stateMismatch``, ``LoginError/authorizationDenied(error:description:)``,
    ///   ``LoginError/authorizationTimedOut(after:)``, ``LoginError/cancelled`` (task cancelled or
    ///   ``close()``), ``LoginError/listenerAlreadyUsed``.
    public func waitForCode(expectedState: String, timeout: Duration) async throws(LoginError) -> String {
        switch state {
        case .ready: state = .waiting
        case .waiting, .finished: throw .listenerAlreadyUsed
        case .closed: throw .cancelled
        }
        let loop = LoopbackServerLoop(
            listener: listenDescriptor, wake: wakeReadDescriptor, expectedState: expectedState, timeout: timeout)
        let wakeDescriptor = wakeWriteDescriptor
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<String, LoginError>, Never>) in
                let thread = Thread { continuation.resume(returning: loop.run()) }
                thread.name = "multisso-loopback-\(port)"
                thread.start()
            }
        } onCancel: {
            LoopbackSocket.wake(wakeDescriptor)
        }
        // The thread has finished with the descriptors and the cancellation handler can no longer run.
        state = .finished
        closeDescriptors()
        return try result.get()
    }

    /// Stops listening. A pending ``waitForCode(expectedState:timeout:)`` ends with ``LoginError/cancelled``.
    public func close() {
        switch state {
        case .ready:
            state = .closed
            closeDescriptors()
        case .waiting:
            LoopbackSocket.wake(wakeWriteDescriptor)
        case .finished, .closed:
            break
        }
    }

    /// Binds a listener, runs `body` with it and always closes it afterwards.
    public static func withListener<T: Sendable>(
        _ body: (LoopbackListener) async throws -> T
    ) async throws -> T {
        let listener = try LoopbackListener()
        do {
            let value = try await body(listener)
            await listener.close()
            return value
        } catch {
            await listener.close()
            throw error
        }
    }

    private nonisolated func closeDescriptors() {
        LoopbackSocket.closeDescriptor(listenDescriptor)
        LoopbackSocket.closeDescriptor(wakeReadDescriptor)
        LoopbackSocket.closeDescriptor(wakeWriteDescriptor)
    }
}
