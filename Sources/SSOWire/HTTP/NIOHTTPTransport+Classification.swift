import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension NIOHTTPTransport {
    /// What went wrong, by kind: the thrown errors of NIO, AHC and NIOSSL sorted without ever looking
    /// at their descriptions (which may quote headers or a body).
    enum Failure: Equatable {
        case timedOut, cancelled, refused, hostNotFound, dropped, connectTimedOut, poolExhausted, noNetwork, tls
        /// The handshake failed because the server's certificate chain does not lead to a trusted root.
        case untrustedCertificate
        case badRequest, tooLarge, malformed, other
        /// The proxy answered CONNECT with something other than 2xx (or 407), or did not answer in time.
        case proxyRejected, proxyAuthenticationRequired, proxyHandshakeTimedOut
    }

    static func classify(_ error: any Error) -> Failure {
        switch error {
        case let error as HTTPClientError:
            return classify(error)
        case let error as NIOConnectionError:
            // Happy eyeballs: no address at all is a DNS failure, otherwise the first connect error decides.
            if let first = error.connectionErrors.first { return classify(first.error) }
            return .hostNotFound
        case is SocketAddressError:
            return .hostNotFound
        case let error as IOError:
            return classify(errno: error.errnoCode)
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return .connectTimedOut
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: return .dropped
            case .writeHostUnreachable: return .noNetwork
            default: return .other
            }
        case let error as HTTPParserError:
            // The connection ended in the middle of a message: dropped, not malformed.
            return error == .invalidEOFState ? .dropped : .malformed
        case is NIOTooManyBytesError:
            return .tooLarge
        case let error as NIOSSLError:
            if case .handshakeFailed(let inner) = error, isCertificateVerifyFailure(inner) {
                return .untrustedCertificate
            }
            return .tls
        case let error as BoringSSLError:
            return isCertificateVerifyFailure(error) ? .untrustedCertificate : .tls
        case is NIOSSLExtraError, is NIOSSLCloseTimedOutError:
            return .tls
        default:
            return .other
        }
    }

    private static func classify(_ error: HTTPClientError) -> Failure {
        switch error {
        case .deadlineExceeded, .readTimeout, .writeTimeout: return .timedOut
        case .cancelled: return .cancelled
        case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch: return .dropped
        case .connectTimeout, .socksHandshakeTimeout: return .connectTimedOut
        case .httpProxyHandshakeTimeout: return .proxyHandshakeTimedOut
        case .tlsHandshakeTimeout: return .tls
        case .getConnectionFromPoolTimeout: return .poolExhausted
        case .invalidURL, .emptyHost, .emptyScheme, .traceRequestWithBody: return .badRequest
        case .invalidProxyResponse: return .proxyRejected
        case .proxyAuthenticationRequired: return .proxyAuthenticationRequired
        default:
            // Cases carrying data (unsupported scheme, invalid header names or values) are compared by
            // kind without ever putting that data into the error.
            return .other
        }
    }

    /// BoringSSL's `SSL_R_CERTIFICATE_VERIFY_FAILED` in the error stack. Its entries carry their
    /// code only in their description, a fixed BoringSSL text ("error:1000007d:SSL routines:…:
    /// CERTIFICATE_VERIFY_FAILED"), which is matched here and never put into a message.
    private static func isCertificateVerifyFailure(_ error: BoringSSLError) -> Bool {
        guard case .sslError(let stack) = error else { return false }
        return stack.contains { $0.description.contains("CERTIFICATE_VERIFY_FAILED") }
    }

    private static func classify(errno code: CInt) -> Failure {
        switch code {
        case ECONNREFUSED: return .refused
        case ECONNRESET, ECONNABORTED, EPIPE, ENOTCONN: return .dropped
        case ETIMEDOUT: return .connectTimedOut
        case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EADDRNOTAVAIL: return .noNetwork
        default: return .other
        }
    }
}
