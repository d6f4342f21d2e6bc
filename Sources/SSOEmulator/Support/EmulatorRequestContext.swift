import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of the emulator's router: the basic context plus the connection's channel, so a
/// fault can close the connection without answering.
struct EmulatorRequestContext: RequestContext {
    typealias Source = ApplicationRequestContextSource

    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: Source) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// `http://127.0.0.1:PORT` (or `https://`) of the listening socket that took this request.
    func baseURL(scheme: String) -> String {
        "\(scheme)://127.0.0.1:\(channel.localAddress?.port ?? 0)"
    }
}

extension HTTPField.Name {
    static let amznErrorType = Self("x-amzn-ErrorType")!
    static let amznRequestID = Self("x-amzn-RequestId")!
    static let ssoBearerToken = Self("x-amz-sso_bearer_token")!
}
