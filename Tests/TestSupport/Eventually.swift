/// Polls `condition` every `interval` until it holds or `timeout` passes: for state in another process
/// (a file it writes, its output), which sends no event a test could wait on.
public func eventually(
    timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        // Polling another process: there is nothing in-process to wait on.
        try? await Task.sleep(for: interval)
    }
    return try await condition()
}
