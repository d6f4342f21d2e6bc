public import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// Runs an emulator on 127.0.0.1 for the duration of `body`, then shuts it down, whether `body`
/// returns, throws or is cancelled.
///
/// - Parameters:
///   - configuration: the knobs; `configuration.port` 0 (the default) binds a free port.
///   - clock: "now" for every expiry it issues and checks (default: the system's), so that a test can
///     run it and multisso's actors on one manual clock and advance hours without sleeping.
///   - body: receives the running emulator (its `baseURL` serves both APIs at the root path).
/// - Returns: what `body` returns.
/// - Throws: ``EmulatorError`` when the configuration is invalid or the port cannot be bound, and
///   whatever `body` throws.
public func withEmulator<T: Sendable>(
    _ configuration: EmulatorConfiguration = .init(),
    clock: (@Sendable () -> Date)? = nil,
    _ body: (RunningEmulator) async throws -> T
) async throws -> T {
    let core = try EmulatorCore(configuration: configuration, clock: clock ?? { Date() })
    let started = StartSignal()
    let app = try EmulatorApplication.make(core: core, configuration: configuration) { port in
        await started.resolve(.success(port))
    }
    var groupConfiguration = ServiceGroupConfiguration(services: [app], logger: app.logger)
    groupConfiguration.maximumGracefulShutdownDuration = .seconds(2)
    let group = ServiceGroup(configuration: groupConfiguration)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            do {
                try await group.run()
                await started.resolve(.failure(.couldNotStart(reason: "the server stopped before it was listening")))
            } catch {
                await started.resolve(.failure(.couldNotStart(reason: "\(error)")))
                throw error
            }
        }
        let port: Int
        do {
            port = try await started.wait().get()
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
        let running = RunningEmulator(core: core, port: port)
        do {
            let result = try await body(running)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// Builds the Hummingbird application that serves every route of the emulator.
enum EmulatorApplication {
    static func make(
        core: EmulatorCore, configuration: EmulatorConfiguration,
        onListening: @escaping @Sendable (Int) async -> Void
    ) throws(EmulatorError) -> some ApplicationProtocol {
        let router = Router(context: EmulatorRequestContext.self)
        OIDCRoutes(core: core).add(to: router)
        AuthorizeRoutes(core: core).add(to: router)
        DeviceRoutes(core: core).add(to: router)
        PortalRoutes(core: core).add(to: router)
        STSRoutes(core: core).add(to: router)
        FederationRoutes(core: core).add(to: router)
        PortalShortcutRoutes(core: core).add(to: router)
        ConsolePageRoutes(core: core).add(to: router)
        AdminRoutes(core: core).add(to: router)
        RootRoute(core: core).add(to: router)
        let skew = configuration.dateSkew
        let http1 = HTTPServerBuilder.http1(
            additionalChannelHandlers: skew == .zero ? [] : [SkewedDateHandler(skew: skew)])
        var server = http1
        if let tls = configuration.tls {
            let tlsConfiguration = try tls.serverConfiguration()
            do {
                server = try .tls(http1, tlsConfiguration: tlsConfiguration)
            } catch {
                throw .invalidConfiguration(reason: "the TLS listener cannot be set up with \(tls.certificatePath)")
            }
        }
        return Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname("127.0.0.1", port: configuration.port),
                serverName: nil,
                backlog: 4096
            ),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: makeLogger(level: configuration.logLevel)
        )
    }

    static func makeLogger(level: String?) -> Logger {
        guard let level, let parsed = Logger.Level(rawValue: level) else {
            return Logger(label: "sso-emulator", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        var logger = Logger(label: "sso-emulator", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = parsed
        return logger
    }
}

/// A one-shot promise: the server's port once it listens, or why it could not start.
actor StartSignal {
    private var result: Result<Int, EmulatorError>?
    private var waiters: [CheckedContinuation<Result<Int, EmulatorError>, Never>] = []

    func resolve(_ value: Result<Int, EmulatorError>) {
        guard result == nil else { return }
        result = value
        for waiter in waiters { waiter.resume(returning: value) }
        waiters = []
    }

    func wait() async -> Result<Int, EmulatorError> {
        if let result { return result }
        return await withCheckedContinuation { waiters.append($0) }
    }
}
