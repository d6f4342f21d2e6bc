import NIOCore
import NIOHTTP1

/// Serves the requests of one connection in order: collects each request's head (bounding its path and
/// body), asks the router, writes the answer, and closes when the client or the answer asks for it.
struct ConnectionHandler: Sendable {
    let router: CredentialRouter
    let maxBodyBytes: Int
    let maxPathBytes = 2048

    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    func serve(_ connection: Connection) async {
        try? await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var bodyBytes = 0
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    bodyBytes = 0
                case .body(let buffer):
                    bodyBytes += buffer.readableBytes
                    if bodyBytes > maxBodyBytes {
                        let refusal = ServerResponse.error(
                            413, code: "RequestTooLarge",
                            message: "request bodies are limited to \(maxBodyBytes) bytes", close: true)
                        try await write(refusal, keepAlive: false, to: outbound)
                        return
                    }
                case .end:
                    guard let request = head else { return }
                    head = nil
                    let response = await answer(request)
                    let keepAlive = request.isKeepAlive && !response.close
                    try await write(response, keepAlive: keepAlive, to: outbound)
                    if !keepAlive { return }
                }
            }
        }
    }

    private func answer(_ head: HTTPRequestHead) async -> ServerResponse {
        guard head.uri.utf8.count <= maxPathBytes else {
            return .error(
                414, code: "URITooLong", message: "request paths are limited to \(maxPathBytes) bytes", close: true)
        }
        let path =
            head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let request = ServerRequest(
            method: head.method.rawValue, path: path, headers: head.headers.map { (name: $0.name, value: $0.value) })
        return await router.respond(to: request)
    }

    private func write(
        _ response: ServerResponse, keepAlive: Bool, to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: response.contentType)
        headers.add(name: "Content-Length", value: String(response.body.utf8.count))
        headers.add(name: "Cache-Control", value: "no-store")
        for header in response.headers { headers.add(name: header.name, value: header.value) }
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        try await outbound.write(contentsOf: [
            .head(head), .body(.byteBuffer(ByteBuffer(string: response.body))), .end(nil),
        ])
    }
}
