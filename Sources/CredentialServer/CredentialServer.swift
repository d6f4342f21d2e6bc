import NIOCore
import NIOPosix
public import SessionActors
import Synchronization

/// Runs a credential server for the duration of `body`: the container credentials protocol (and IMDSv2
/// for `imdsProfile`) on `configuration.host:port`, every answer from `directory` (whose credential
/// margins decide freshness and whose login policy should be `.never`: a server never prompts).
/// The listener and every connection are closed when `body` returns or throws, or the task is cancelled.
/// - Throws: ``CredentialServerError`` when the address is refused or cannot be bound; whatever `body` throws.
public func withCredentialServer<T>(
    _ configuration: CredentialServerConfiguration,
    directory: SessionDirectory,
    _ body: (RunningCredentialServer) async throws -> T
) async throws -> T {
    guard configuration.allowNonLoopback || LoopbackHost.isLoopback(configuration.host) else {
        throw CredentialServerError.nonLoopbackRefused(host: configuration.host)
    }
    let router = CredentialRouter(configuration: configuration, directory: directory)
    let listener = try await CredentialListener.bind(configuration, router: router)
    let serving = Task { await listener.serve(router) }
    let running = RunningCredentialServer(host: configuration.host, port: listener.port)
    configuration.log?("listening on \(running.baseURL)")
    do {
        let result = try await body(running)
        await listener.shutdown(serving)
        return result
    } catch {
        await listener.shutdown(serving)
        throw error
    }
}

/// The bound listening socket and its accept loop.
struct CredentialListener: Sendable {
    /// An accepted connection: its channel, and the requests its handler passes to the router.
    struct Connection: Sendable {
        let channel: any Channel
        let jobs: AsyncStream<CredentialHTTPHandler.Job>
    }

    let channel: NIOAsyncChannel<Connection, Never>
    let port: Int

    /// The event loops the server runs on: one per core (measured on two cores with the load generator
    /// beside it, one loop served half as many requests as two).
    static var group: any EventLoopGroup { MultiThreadedEventLoopGroup.singleton }

    /// Binds the address; each accepted connection (beyond `maxConnections` open at once, closed unread)
    /// gets one ``CredentialHTTPHandler`` on its raw bytes, bounded as configured.
    static func bind(_ configuration: CredentialServerConfiguration, router: CredentialRouter)
        async throws(CredentialServerError) -> CredentialListener
    {
        let limits = RequestReader.Limits(
            maxHeadBytes: configuration.maxHeadBytes, maxBodyBytes: configuration.maxBodyBytes)
        let idle = TimeAmount.nanoseconds(Int64(configuration.idleTimeout.components.seconds) * 1_000_000_000)
        let answers = LoopAnswerCache(
            group: group, clock: router.directory.options.clock,
            margins: router.directory.options.credentialMargins)
        let open = OpenConnections()
        let maxConnections = configuration.maxConnections
        do {
            let channel = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .bind(host: configuration.host, port: configuration.port) {
                    (channel: any Channel) -> EventLoopFuture<Connection> in
                    guard open.enter(limit: maxConnections) else {
                        channel.close(promise: nil)
                        return channel.eventLoop.makeFailedFuture(ChannelError.inputClosed)
                    }
                    channel.closeFuture.whenComplete { _ in open.leave() }
                    return channel.eventLoop.makeCompletedFuture {
                        let (jobs, continuation) = AsyncStream.makeStream(of: CredentialHTTPHandler.Job.self)
                        try channel.pipeline.syncOperations.addHandler(
                            CredentialHTTPHandler(
                                router: router, answers: answers, jobs: continuation, limits: limits,
                                idleTimeout: idle))
                        return Connection(channel: channel, jobs: jobs)
                    }
                }
            return CredentialListener(channel: channel, port: channel.channel.localAddress?.port ?? configuration.port)
        } catch {
            throw .cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
    }

    /// Accepts connections until cancelled, each in a child task that answers the requests its handler
    /// could not answer from the loop, and closes the connection when cancelled.
    func serve(_ router: CredentialRouter) async {
        await withDiscardingTaskGroup { group in
            try? await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    group.addTask {
                        await withTaskCancellationHandler {
                            for await job in connection.jobs {
                                job.reply(await router.respond(to: job.request, route: job.route))
                            }
                        } onCancel: {
                            connection.channel.close(promise: nil)
                        }
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// Stops accepting, closes every connection and waits for the accept loop to end.
    func shutdown(_ serving: Task<Void, Never>) async {
        serving.cancel()
        try? await channel.channel.close()
        await serving.value
    }
}

/// How many connections are open, shared by the accept loop and the connections' tasks.
final class OpenConnections: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts one more connection unless `limit` are open already.
    func enter(limit: Int) -> Bool {
        let now = count.add(1, ordering: .relaxed).newValue
        if now > limit {
            count.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func leave() {
        count.subtract(1, ordering: .relaxed)
    }
}
