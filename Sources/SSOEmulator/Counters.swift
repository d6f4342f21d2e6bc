/// What the emulator has served, for tests and benchmarks to count: calls per operation, successful
/// grants, logins per portal, role credentials per role, throttled and failed requests, and the most
/// requests in flight at once. Returned by ``RunningEmulator/stats()`` and `GET /_admin/stats`.
public struct EmulatorStats: Sendable, Codable, Equatable {
    /// Requests per operation: "RegisterClient", "StartDeviceAuthorization", "CreateToken", "Authorize",
    /// "GetRoleCredentials", "ListAccounts", "ListAccountRoles", "Logout", "AssumeRole", "GetCallerIdentity",
    /// and "Root" for `GET /` (every request, whatever its answer).
    public var calls: [String: Int] = [:]
    /// CreateToken successes per grant: "device_code", "authorization_code", "refresh_token".
    public var grants: [String: Int] = [:]
    /// Access tokens issued by login grants (device code, authorization code) per portal name.
    public var tokensIssued: [String: Int] = [:]
    /// Successful GetRoleCredentials per "portal/accountID/roleName".
    public var roleCredentialRequests: [String: Int] = [:]
    /// Successful AssumeRole per role ARN.
    public var assumeRoleRequests: [String: Int] = [:]
    /// Requests answered 429 TooManyRequestsException by the rate limit.
    public var throttled: Int = 0
    /// Requests that failed on the server's side: 5xx answers (injected or not) and dropped connections.
    public var failed: Int = 0
    /// The most API requests being handled at the same moment.
    public var maxInFlight: Int = 0
    /// Error answers per error code (4xx and 5xx, throttling included), e.g. "AuthorizationPendingException".
    public var errors: [String: Int] = [:]
    /// Injected faults per kind: "error" (500), "drop", "stall".
    public var faults: [String: Int] = [:]

    public init() {}
}

/// Owns the counters; every API request passes through it on the way in and out.
actor Counters {
    private var stats = EmulatorStats()
    private var inFlight = 0
    /// Callers of ``waitForCalls(_:count:id:)``: each resumes once the operation has been called `count` times.
    private var watches: [Int: (operation: String, count: Int, continuation: CheckedContinuation<Void, any Error>)] =
        [:]

    func begin(_ operation: String) {
        stats.calls[operation, default: 0] += 1
        inFlight += 1
        stats.maxInFlight = max(stats.maxInFlight, inFlight)
        for (id, watch) in watches
        where watch.operation == operation && stats.calls[operation, default: 0] >= watch.count {
            watches.removeValue(forKey: id)?.continuation.resume()
        }
    }

    /// Returns once `operation` has been called `count` times (since the last ``reset()``).
    func waitForCalls(_ operation: String, count: Int, id: Int) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            if stats.calls[operation, default: 0] >= count {
                continuation.resume()
            } else if Task.isCancelled {
                continuation.resume(throwing: CancellationError())
            } else {
                watches[id] = (operation, count, continuation)
            }
        }
    }

    func cancelWait(id: Int) {
        watches.removeValue(forKey: id)?.continuation.resume(throwing: CancellationError())
    }

    func end() {
        inFlight -= 1
    }

    func recordError(_ code: String, status: Int) {
        stats.errors[code, default: 0] += 1
        if status == 429 { stats.throttled += 1 }
        if status >= 500 { stats.failed += 1 }
    }

    func recordFault(_ kind: String) {
        stats.faults[kind, default: 0] += 1
        if kind == "drop" { stats.failed += 1 }
    }

    func recordGrant(_ grant: GrantType, portalName: String) {
        stats.grants[grant.counterName, default: 0] += 1
        if grant != .refreshToken { stats.tokensIssued[portalName, default: 0] += 1 }
    }

    func recordRoleCredentials(portalName: String, accountID: String, roleName: String) {
        stats.roleCredentialRequests["\(portalName)/\(accountID)/\(roleName)", default: 0] += 1
    }

    func recordAssumeRole(roleARN: String) {
        stats.assumeRoleRequests[roleARN, default: 0] += 1
    }

    func snapshot() -> EmulatorStats {
        stats
    }

    /// Clears every counter; requests in flight keep counting towards `maxInFlight`.
    func reset() {
        stats = EmulatorStats()
        stats.maxInFlight = inFlight
    }
}
