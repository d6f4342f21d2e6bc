import NIOCore
import NIOHTTP1
import SSOConfig

/// Serves the requests of one connection on its event loop, in order (`HTTPServerPipelineHandler`
/// holds back the next request until an answer ends): bounds each request's body, asks the router
/// where it goes, writes a credentials answer straight from the loop's ``LoopAnswerCache`` when it
/// holds a fresh one, and otherwise hands the request to the connection's task (``Job``), whose
/// answer comes back to the loop to be written (and kept, if it can be). Closes when the client or
/// the answer asks for it.
final class CredentialHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    /// A request the router answers off the loop, and how its answer gets back.
    struct Job: Sendable {
        var request: ServerRequest
        var route: CredentialRouter.Route
        var reply: @Sendable (ServerResponse) -> Void
    }

    private let router: CredentialRouter
    private let answers: LoopAnswerCache
    private let jobs: AsyncStream<Job>.Continuation
    private let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var bodyBytes = 0
    private var closing = false
    private var active = true

    init(router: CredentialRouter, answers: LoopAnswerCache, jobs: AsyncStream<Job>.Continuation, maxBodyBytes: Int) {
        self.router = router
        self.answers = answers
        self.jobs = jobs
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        switch unwrapInboundIn(data) {
        case .head(let received):
            head = received
            bodyBytes = 0
        case .body(let buffer):
            bodyBytes += buffer.readableBytes
            if bodyBytes > maxBodyBytes {
                head = nil
                let refusal = ServerResponse.error(
                    413, code: "RequestTooLarge", message: "request bodies are limited to \(maxBodyBytes) bytes",
                    close: true)
                write(refusal, keepAlive: false, context: context)
            }
        case .end:
            guard let received = head else { return }
            head = nil
            handle(received, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        active = false
        jobs.finish()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        active = false
        jobs.finish()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func handle(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        let request = ServerRequest(head)
        let route = router.route(request)
        let keepAlive = head.isKeepAlive
        if case .credentials(let profile) = route, let entry = answers.entry(for: profile.name, on: context.eventLoop) {
            router.logRequest(request, status: 200)
            context.write(wrapOutboundOut(.head(keepAlive ? entry.keepAliveHead : entry.closeHead)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(entry.body))), promise: nil)
            end(keepAlive: keepAlive, context: context)
            return
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let answers = self.answers
        let job = Job(request: request, route: route) { response in
            loop.execute {
                let (handler, context) = bound.value
                if case .credentials(let profile) = route { answers.store(response, for: profile.name, on: loop) }
                handler.write(response, keepAlive: keepAlive && !response.close, context: context)
            }
        }
        if case .terminated = jobs.yield(job) { context.close(promise: nil) }
    }

    private func write(_ response: ServerResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard active else { return }
        context.write(wrapOutboundOut(.head(response.head(keepAlive: keepAlive))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
        end(keepAlive: keepAlive, context: context)
    }

    /// Ends the answer; closes the connection once it is written unless it is kept alive.
    private func end(keepAlive: Bool, context: ChannelHandlerContext) {
        guard !keepAlive else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        closing = true
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

@available(*, unavailable)
extension CredentialHTTPHandler: Sendable {}
