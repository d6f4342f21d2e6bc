import NIOCore
import SSOConfig

/// The whole of one connection, on its event loop, on raw bytes: reads each request with a strict
/// ``RequestReader``, asks the router where it goes, writes a credentials answer straight from the
/// loop's ``LoopAnswerCache`` (one pre-encoded buffer) when it holds a fresh one, and otherwise hands
/// the request to the connection's task (``Job``), whose answer comes back to the loop to be written
/// (and kept, if it can be). Pipelined requests are answered in order: while a job is out, nothing
/// more is read or answered. Closes after an answer that says so, on a refused request, and when the
/// connection has been silent for the idle timeout (one timer per connection).
final class CredentialHTTPHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// A request the router answers off the loop, and how its answer gets back.
    struct Job: Sendable {
        var request: ServerRequest
        var route: CredentialRouter.Route
        var reply: @Sendable (ServerResponse) -> Void
    }

    private let router: CredentialRouter
    private let answers: LoopAnswerCache
    private let jobs: AsyncStream<Job>.Continuation
    private let reader: RequestReader
    private let idleTimeout: TimeAmount
    /// Bytes received and not yet read as requests.
    private var received: ByteBuffer?
    /// How far `received` was searched for the end of a head without finding it.
    private var searched = 0
    /// A request is with the router: nothing more is answered (or read from the socket) until it replies.
    private var waiting = false
    private var readHeldBack = false
    private var closing = false
    private var active = true
    /// Bytes were read or written since the idle timer last looked; how many looks found none.
    private var busy = true
    private var quietLooks = 0
    private var idleTimer: Scheduled<Void>?

    init(
        router: CredentialRouter, answers: LoopAnswerCache, jobs: AsyncStream<Job>.Continuation,
        limits: RequestReader.Limits, idleTimeout: TimeAmount
    ) {
        self.router = router
        self.answers = answers
        self.jobs = jobs
        reader = RequestReader(limits: limits)
        self.idleTimeout = idleTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        scheduleIdleLook(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        busy = true
        var incoming = unwrapInboundIn(data)
        if received == nil {
            received = incoming
        } else {
            received?.writeBuffer(&incoming)
        }
        serve(context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Holds back reading from the socket while a request is with the router.
    func read(context: ChannelHandlerContext) {
        if waiting {
            readHeldBack = true
        } else {
            context.read()
        }
    }

    private func stop() {
        active = false
        idleTimer?.cancel()
        idleTimer = nil
        jobs.finish()
    }

    /// Answers the requests in `received`, in order, until one must wait for the router, the bytes run
    /// out or the connection is to close; flushes what was written once.
    private func serve(context: ChannelHandlerContext) {
        var wrote = false
        reading: while !waiting, !closing, var buffer = received {
            let verdict = buffer.withUnsafeReadableBytes { reader.read($0, searched: &searched) }
            switch verdict {
            case .incomplete:
                break reading
            case .refused(let refusal):
                received = nil
                send(refusal.encoded(keepAlive: false), closing: true, context: context)
            case .request(let request, let keepAlive, let consumed):
                buffer.moveReaderIndex(forwardBy: consumed)
                received = buffer.readableBytes == 0 ? nil : buffer
                wrote = handle(request, keepAlive: keepAlive, context: context) || wrote
            }
        }
        if wrote, !closing { context.flush() }
    }

    /// Writes the answer to `request` when it can be had on the loop (true), or hands it to the router.
    private func handle(_ request: ServerRequest, keepAlive: Bool, context: ChannelHandlerContext) -> Bool {
        let route = router.route(request)
        if case .credentials(let profile) = route, let entry = answers.entry(for: profile.name, on: context.eventLoop) {
            router.logRequest(request, status: 200)
            send(keepAlive ? entry.keepAlive : entry.close, closing: !keepAlive, context: context)
            return true
        }
        waiting = true
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let answers = self.answers
        let job = Job(request: request, route: route) { response in
            loop.execute {
                let (handler, context) = bound.value
                if case .credentials(let profile) = route { answers.store(response, for: profile.name, on: loop) }
                handler.answered(response, keepAlive: keepAlive && !response.close, context: context)
            }
        }
        if case .terminated = jobs.yield(job) { context.close(promise: nil) }
        return false
    }

    /// Writes the router's answer, then goes on with the requests received meanwhile.
    private func answered(_ response: ServerResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard active else { return }
        waiting = false
        busy = true
        send(response.encoded(keepAlive: keepAlive), closing: !keepAlive, context: context)
        serve(context: context)
        if !closing {
            context.flush()
            if !waiting, readHeldBack {
                readHeldBack = false
                context.read()
            }
        }
    }

    /// Writes one answer; the last one (`closing`) is flushed at once and the connection closed once it is out.
    private func send(_ answer: ByteBuffer, closing: Bool, context: ChannelHandlerContext) {
        guard closing else {
            context.write(wrapOutboundOut(answer), promise: nil)
            return
        }
        self.closing = true
        received = nil
        context.writeAndFlush(wrapOutboundOut(answer)).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }

    /// Looks every half idle timeout: a connection with no bytes read or written over two looks in a
    /// row (and no request with the router) is closed, so it is silent at least the timeout, at most
    /// one and a half.
    private func scheduleIdleLook(context: ChannelHandlerContext) {
        guard active else { return }
        idleTimer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(idleTimeout.nanoseconds / 2)) {
            [self] in
            if busy || waiting {
                busy = false
                quietLooks = 0
            } else {
                quietLooks += 1
                if quietLooks >= 2 {
                    context.close(promise: nil)
                    return
                }
            }
            scheduleIdleLook(context: context)
        }
    }
}

@available(*, unavailable)
extension CredentialHTTPHandler: Sendable {}
