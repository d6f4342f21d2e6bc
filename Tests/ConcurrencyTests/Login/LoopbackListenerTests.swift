import Foundation
import Testing

@testable import SessionActors

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Loopback listener over real HTTP")
struct LoopbackListenerTests {
    /// Sends a real GET over loopback and returns the status and body.
    private func get(_ port: UInt16, _ pathAndQuery: String) async throws -> (status: Int, body: String) {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        let url = try #require(URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)"))
        let (data, response) = try await session.data(from: url)
        let status = try #require(response as? HTTPURLResponse).statusCode
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// The LoginError thrown by `body`, or nil.
    private func loginError(_ body: () async throws -> Void) async -> LoginError? {
        do {
            try await body()
            return nil
        } catch let error as LoginError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("binds 127.0.0.1 on an ephemeral port with the callback redirect URI")
    func binds() throws {
        let listener = try LoopbackListener()
        #expect(listener.port > 0)
        #expect(listener.redirectURI == "http://127.0.0.1:\(listener.port)/oauth/callback")
    }

    @Test("a wrong path gets 404 and the listener keeps waiting for the right code")
    func wrongPathThenCode() async throws {
        let listener = try LoopbackListener()
        async let code = listener.waitForCode(expectedState: "st-1", timeout: .seconds(20))
        let favicon = try await get(listener.port, "/favicon.ico")
        #expect(favicon.status == 404)
        let noCode = try await get(listener.port, "/oauth/callback?state=st-1")
        #expect(noCode.status == 400)
        let callback = try await get(listener.port, "/oauth/callback?code=the%20code&state=st-1")
        #expect(callback.status == 200)
        #expect(callback.body.contains("You can close this window"))
        #expect(!callback.body.contains("the code"))
        #expect(try await code == "the code")
    }

    @Test("a state mismatch fails the login")
    func stateMismatch() async throws {
        let listener = try LoopbackListener()
        let task = Task { try await listener.waitForCode(expectedState: "expected", timeout: .seconds(20)) }
        let answer = try await get(listener.port, "/oauth/callback?code=c&state=forged")
        #expect(answer.status == 400)
        let error = await loginError { _ = try await task.value }
        #expect(error?.code == "login_state_mismatch")
    }

    @Test("error= in the redirect fails the login with the service's reason")
    func denied() async throws {
        let listener = try LoopbackListener()
        let task = Task { try await listener.waitForCode(expectedState: "s", timeout: .seconds(20)) }
        let answer = try await get(
            listener.port, "/oauth/callback?error=access_denied&error_description=User+denied&state=s")
        #expect(answer.status == 200)
        let error = await loginError { _ = try await task.value }
        guard case .authorizationDenied(let code, let description) = error else {
            Issue.record("expected authorizationDenied, got \(String(describing: error))")
            return
        }
        #expect(code == "access_denied")
        #expect(description == "User denied")
    }

    @Test("exactly one code: afterwards the port is closed and a second wait is refused")
    func oneCodeOnly() async throws {
        let listener = try LoopbackListener()
        async let code = listener.waitForCode(expectedState: "s", timeout: .seconds(20))
        _ = try await get(listener.port, "/oauth/callback?code=first&state=s")
        #expect(try await code == "first")
        await #expect(throws: (any Error).self) {
            _ = try await get(listener.port, "/oauth/callback?code=second&state=s")
        }
        let again = await loginError { _ = try await listener.waitForCode(expectedState: "s", timeout: .seconds(1)) }
        #expect(again?.code == "login_listener_already_used")
    }

    @Test("times out when no redirect arrives")
    func timeout() async throws {
        let listener = try LoopbackListener()
        let started = ContinuousClock.now
        let error = await loginError {
            _ = try await listener.waitForCode(expectedState: "s", timeout: .milliseconds(300))
        }
        #expect(error?.code == "login_timed_out")
        // It waited for the timeout, and it did end (no hang); a busy 2-core CI machine may be slow to wake it.
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test("cancelling the waiting task ends the wait promptly")
    func cancellation() async throws {
        let listener = try LoopbackListener()
        let task = Task { try await listener.waitForCode(expectedState: "s", timeout: .seconds(60)) }
        // Rendezvous: the task is inside the wait (its cancellation handler set up or about to be).
        while await !listener.isWaiting { await Task.yield() }
        let started = ContinuousClock.now
        task.cancel()
        let error = await loginError { _ = try await task.value }
        #expect(error?.code == "login_cancelled")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test("close() ends a pending wait")
    func closeWhileWaiting() async throws {
        let listener = try LoopbackListener()
        let task = Task { try await listener.waitForCode(expectedState: "s", timeout: .seconds(60)) }
        // As above: the task is waiting when the listener closes.
        while await !listener.isWaiting { await Task.yield() }
        await listener.close()
        let error = await loginError { _ = try await task.value }
        #expect(error?.code == "login_cancelled")
    }

    @Test("an idle connection does not hold up the real redirect")
    func idleConnection() async throws {
        let listener = try LoopbackListener()
        async let code = listener.waitForCode(expectedState: "s", timeout: .seconds(20))
        let idle = try IdleConnection(port: listener.port)
        defer { idle.close() }
        let answer = try await get(listener.port, "/oauth/callback?code=c&state=s")
        #expect(answer.status == 200)
        #expect(try await code == "c")
    }
}

@Suite("Loopback request decisions")
struct LoopbackCallbackTests {
    @Test("parses the request line and decodes the query")
    func parse() {
        let request = LoopbackCallback.parseHead(
            Array("GET /oauth/callback?code=a%2Bb+c&state=x HTTP/1.1\r\nHost: h".utf8))
        #expect(request == .init(method: "GET", path: "/oauth/callback", query: ["code": "a+b c", "state": "x"]))
        #expect(LoopbackCallback.parseHead(Array("garbage".utf8)) == nil)
    }

    @Test("non-GET and other paths keep waiting")
    func keepWaiting() {
        let post = LoopbackCallback.decide(
            .init(method: "POST", path: "/oauth/callback", query: ["code": "c", "state": "s"]), expectedState: "s")
        #expect(post.status == 405 && post.outcome == .keepWaiting)
        let other = LoopbackCallback.decide(.init(method: "GET", path: "/", query: [:]), expectedState: "s")
        #expect(other.status == 404 && other.outcome == .keepWaiting)
    }

    @Test("a code without state is a mismatch")
    func missingState() {
        let decision = LoopbackCallback.decide(
            .init(method: "GET", path: "/oauth/callback", query: ["code": "c"]), expectedState: "s")
        #expect(decision.outcome == .failed(.stateMismatch))
    }
}
