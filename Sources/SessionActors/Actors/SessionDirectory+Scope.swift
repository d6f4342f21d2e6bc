public import FileStore
import Foundation
public import SSOConfig
import SSOWire

/// Runs `body` with a ``SessionDirectory`` that lives exactly as long as the call: the entry point of
/// every command and of long-lived processes (a server or an agent holds one for days).
///
/// Before the directory exists, temporary files that a killed process left in the two cache folders
/// are removed (only those whose process is gone), and the transport is assembled: proxies from the
/// environment, the CA bundle of `options.network.trustedProfiles`, on HTTP clients that this scope
/// creates and shuts down when `body` returns, throws or is cancelled. `options.transport` is replaced.
/// - Throws: ``ProxyConfigurationError`` or ``CABundleError`` before any request; whatever `body` throws.
public func withSessionDirectory<Result>(
    environment: AWSEnvironment, config: AWSConfigFile, options: SessionOptions,
    isolation: isolated (any Actor)? = #isolation,
    _ body: (SessionDirectory) async throws -> Result
) async throws -> Result {
    AtomicFile.removeAbandonedTemporaries(in: environment.ssoCacheDirectory)
    AtomicFile.removeAbandonedTemporaries(in: environment.cliCacheDirectory)
    let proxies = try ProxySettings(environment: environment.variables)
    let caBundle: CABundle?
    if let resolved = options.network.resolvedCABundle {
        caBundle = resolved.bundle
    } else {
        caBundle = try CABundleSetting.resolve(
            environment: environment, config: config, profiles: options.network.trustedProfiles)
    }
    return try await HTTPClients.with { clients in
        var scoped = options
        scoped.transport = NIOHTTPTransport(
            clients: clients, timeout: options.network.timeout, proxies: proxies, caBundle: caBundle)
        let directory = SessionDirectory(
            environment: environment, config: config, options: scoped, proxies: proxies, caBundle: caBundle)
        return try await body(directory)
    }
}

/// The transport of options not yet given to ``withSessionDirectory(environment:config:options:isolation:_:)``,
/// which replaces it: a request through it fails, naming why.
struct UnscopedTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws(WireError) -> HTTPResponse {
        throw .connectionFailed(operation: request.operation, reason: "no HTTP transport outside withSessionDirectory")
    }
}
