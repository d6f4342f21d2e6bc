import Foundation

/// Runs blocking work (file I/O in a tight loop) on its own thread, so it never starves the cooperative
/// pool that the other, parallel tests share.
public func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try work() })
        }
        thread.start()
    }
}
