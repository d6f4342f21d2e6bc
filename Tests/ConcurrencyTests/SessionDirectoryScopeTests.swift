import FileStore
import Foundation
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

@Suite("withSessionDirectory: a directory whose HTTP clients live exactly as long as the scope")
struct SessionDirectoryScopeTests {
    struct Stop: Error {}

    static func configuration() -> EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.portals = 1
        configuration.accountsPerPortal = 2
        configuration.rolesPerAccount = 1
        return configuration
    }

    static func options() -> SessionOptions {
        var options = SessionOptions(presenter: FollowingPresenter())
        options.useDeviceCode = true
        options.noBrowser = true
        return options
    }

    /// A sandbox with one portal of two profiles, its config loaded, removed afterwards.
    static func withSandbox(_ body: (RunningEmulator, ScopeSandbox) async throws -> Void) async throws {
        try await Sandbox.withEmulator(configuration()) { emulator, sandbox in
            var sandbox = sandbox
            try sandbox.writeConfig()
            try await body(
                emulator, ScopeSandbox(sandbox: sandbox, config: try AWSConfigFile.load(sandbox.environment)))
        }
    }

    /// What each test starts from.
    struct ScopeSandbox {
        let sandbox: Sandbox
        let config: AWSConfigFile
        var environment: AWSEnvironment { sandbox.environment }
        var profileNames: [String] { sandbox.profileNames }
        func profiles(_ directory: SessionDirectory) throws -> [SSOProfile] { try sandbox.profiles(directory) }
    }

    /// The clients behind a scoped directory's transport.
    static func clients(_ directory: SessionDirectory) throws -> HTTPClients {
        try #require(directory.options.transport as? NIOHTTPTransport).clients
    }

    @Test("clients made for requests inside the scope are shut down when it returns, and later requests fail")
    func normalExit() async throws {
        try await Self.withSandbox { emulator, sandbox in
            let config = sandbox.config
            let (clients, profile) = try await withSessionDirectory(
                environment: sandbox.environment, config: config, options: Self.options()
            ) { directory in
                let clients = try Self.clients(directory)
                #expect(await clients.count == 0)
                let profile = try #require(try sandbox.profiles(directory).first)
                _ = try await directory.credentials(for: profile)
                #expect(await clients.count == 1)
                #expect(await !clients.isShutDown)
                return (clients, profile)
            }
            #expect(await clients.isShutDown)
            #expect(await clients.count == 0)
            let transport = NIOHTTPTransport(clients: clients, timeout: .seconds(5))
            let client = PortalClient(endpoint: emulator.baseURL, transport: transport, pageRetry: .none)
            let error = await #expect(throws: WireError.self) {
                _ = try await client.getRoleCredentials(
                    accessToken: "x", accountID: profile.accountID, roleName: profile.roleName)
            }
            #expect(error?.code == "cancelled")
        }
    }

    @Test("a body that throws still shuts the clients down, and its error comes out unchanged")
    func thrownError() async throws {
        try await Self.withSandbox { emulator, sandbox in
            let config = sandbox.config
            let seen = Box()
            await #expect(throws: Stop.self) {
                try await withSessionDirectory(
                    environment: sandbox.environment, config: config, options: Self.options()
                ) { directory in
                    let profile = try #require(try sandbox.profiles(directory).first)
                    _ = try await directory.credentials(for: profile)
                    await seen.set(try Self.clients(directory))
                    throw Stop()
                }
            }
            let clients = try #require(await seen.clients)
            #expect(await clients.isShutDown)
        }
    }

    @Test("cancelling the task that holds the scope shuts the clients down")
    func cancellation() async throws {
        try await Self.withSandbox { emulator, sandbox in
            let config = sandbox.config
            let environment = sandbox.environment
            let names = sandbox.profileNames
            let (opened, continuation) = AsyncStream.makeStream(of: HTTPClients.self)
            let holder = Task {
                try await withSessionDirectory(environment: environment, config: config, options: Self.options()) {
                    directory in
                    _ = try await directory.credentials(for: try directory.profile(named: names[0]))
                    continuation.yield(try Self.clients(directory))
                    // A long-lived holder (a server, an agent): it waits until it is cancelled.
                    try await Task.sleep(for: .seconds(3600))
                }
            }
            var iterator = opened.makeAsyncIterator()
            let clients = try #require(await iterator.next())
            #expect(await !clients.isShutDown)
            holder.cancel()
            await #expect(throws: CancellationError.self) { try await holder.value }
            #expect(await clients.isShutDown)
        }
    }

    @Test("a malformed proxy variable fails before the body runs")
    func badProxy() async throws {
        try await Self.withSandbox { emulator, sandbox in
            var environment = sandbox.environment
            environment.variables["HTTPS_PROXY"] = "http://proxy.corp:notaport"
            let config = try AWSConfigFile.load(environment)
            let ran = Box()
            await #expect(throws: ProxyConfigurationError.self) {
                try await withSessionDirectory(environment: environment, config: config, options: Self.options()) {
                    directory in
                    await ran.set(try Self.clients(directory))
                }
            }
            #expect(await ran.clients == nil)
        }
    }

    @Test("a token the portal refuses is renewed once for a listing (one new login), and the listing succeeds")
    func refusedTokenRenewedOnce() async throws {
        try await Self.withSandbox { emulator, sandbox in
            let config = sandbox.config
            try await withSessionDirectory(environment: sandbox.environment, config: config, options: Self.options()) {
                directory in
                let profile = try #require(try sandbox.profiles(directory).first)
                let (portal, client) = try await directory.portal(.profile(profile.name))
                _ = try await directory.accounts(of: portal, client: client, withRoles: false)
                #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 1)
                await emulator.revokeAllTokens(portal: nil)
                let accounts = try await directory.accounts(of: portal, client: client, withRoles: true)
                #expect(accounts.count == 2 && accounts.allSatisfy { $0.roles.count == 1 })
                #expect(await emulator.stats().tokensIssued.values.reduce(0, +) == 2)
            }
        }
    }
}

/// Carries the clients out of a scope for the assertions after it.
private actor Box {
    var clients: HTTPClients?
    func set(_ clients: HTTPClients) { self.clients = clients }
}
