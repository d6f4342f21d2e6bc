import Foundation
import NIOCore
import NIOPosix
import SSOEmulator
import SSOWire
import TestSupport
import Testing

/// The global-executor hook `multisso login` and `exec` arm, each case in its own process (an exit
/// test): the hook is process-wide and stays, so it must not reach the other tests of this process.
@Suite("Event loops as the global executor")
struct EventLoopGlobalExecutorTests {
    @Test("installed once: tasks then run on the HTTP client's event loops; a second install is refused")
    func installed() async {
        await #expect(processExitsWith: .success) {
            let before = await Task.detached { MultiThreadedEventLoopGroup.currentEventLoop != nil }.value
            guard !before, EventLoopGlobalExecutor.install() else { exit(1) }
            guard !EventLoopGlobalExecutor.install() else { exit(2) }
            let after = await Task.detached { MultiThreadedEventLoopGroup.currentEventLoop != nil }.value
            guard after else { exit(3) }
        }
    }

    @Test("armed: the first request a NIOHTTPTransport sends installs it, nothing before; unarmed it stays off")
    func armedByFirstRequest() async {
        await #expect(processExitsWith: .success) {
            @Sendable func onEventLoop() async -> Bool {
                await Task.detached { MultiThreadedEventLoopGroup.currentEventLoop != nil }.value
            }
            guard let refusing = try? RefusingPort(),
                let url = URL(string: "http://127.0.0.1:\(refusing.port)/assignment/accounts")
            else { exit(1) }
            let transport = NIOHTTPTransport(timeout: .seconds(5))
            let request = HTTPRequest(method: "GET", url: url, operation: "ListAccounts")
            _ = try? await transport.send(request)
            guard await !onEventLoop() else { exit(2) }
            EventLoopGlobalExecutor.installAtFirstRequest()
            guard await !onEventLoop() else { exit(3) }
            _ = try? await transport.send(request)
            guard await onEventLoop() else { exit(4) }
            guard !EventLoopGlobalExecutor.install() else { exit(5) }
        }
    }

    @Test("a task started on an event loop runs on that loop, and 2,000 tasks through one actor all finish")
    func staysAndFinishes() async {
        await #expect(processExitsWith: .success) {
            guard EventLoopGlobalExecutor.install() else { exit(1) }
            for loop in MultiThreadedEventLoopGroup.singleton.makeIterator() {
                let stayed = try? await loop.submit {
                    Task { MultiThreadedEventLoopGroup.currentEventLoop === loop }
                }.get().value
                guard stayed == true else { exit(2) }
            }
            actor Counter {
                var count = 0
                func add() -> Int {
                    count += 1
                    return count
                }
            }
            let counter = Counter()
            let total = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<2_000 {
                    group.addTask {
                        await Task.yield()
                        return await counter.add()
                    }
                }
                return await group.reduce(0) { max($0, $1) }
            }
            guard total == 2_000 else { exit(3) }
        }
    }
}
