import NIOCore

/// Closes a connection when `IdleStateHandler` reports it silent, so idle or trickling clients cannot
/// hold connections open.
final class CloseOnIdleHandler: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
