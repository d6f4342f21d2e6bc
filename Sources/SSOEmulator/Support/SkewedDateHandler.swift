import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Rewrites the `Date` header of every answer to the real time plus ``skew`` (the `dateSkew` knob), so
/// that clients' clock-skew checks can be tested. It sits after the HTTP codec, where the server has
/// already stamped the real date.
final class SkewedDateHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    let skew: Duration

    init(skew: Duration) {
        self.skew = skew
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        var part = unwrapOutboundIn(data)
        if case .head(var head) = part {
            let parts = skew.components
            let seconds = Double(parts.seconds) + Double(parts.attoseconds) / 1e18
            head.headerFields[.date] = Self.httpDate(Date().addingTimeInterval(seconds))
            part = .head(head)
        }
        context.write(wrapOutboundOut(part), promise: promise)
    }

    /// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as RFC 9110 requires.
    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
