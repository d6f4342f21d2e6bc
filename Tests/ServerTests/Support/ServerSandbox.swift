import CredentialServer
import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport

@testable import SessionActors

/// A throw-away HOME whose config has one `[sso-session]` per emulator portal and a profile per
/// (account, role), plus the directories a test needs: one that logs in (device code, approved by the
/// emulator) and the server's, which never prompts.
struct ServerSandbox: EmulatorSandbox {
    let sandboxHome: SandboxHome
    let emulator: RunningEmulator
    private(set) var profileNames: [String] = []

    init(home: SandboxHome, emulator: RunningEmulator) throws {
        sandboxHome = home
        self.emulator = emulator
        try writeConfig(perPortal: 3)
    }

    var home: URL { sandboxHome.home }

    /// Writes the config with at most `perPortal` profiles per portal (an edit, when it exists).
    mutating func writeConfig(perPortal: Int) throws {
        profileNames = try sandboxHome.write(config(perPortal: perPortal))
    }

    /// The config with at most `perPortal` profiles per portal.
    func config(perPortal: Int) -> SandboxConfig {
        SandboxConfig(
            emulator.portals, perPortal: perPortal,
            naming: { index, _, account, role in
                "p\(index) \(account.accountID)/\(role)"
            })
    }

    var environment: AWSEnvironment {
        AWSEnvironment.sandbox(
            home: home,
            variables: [
                AWSEnvironment.Variable.endpointURLSSO: emulator.baseURL.absoluteString,
                AWSEnvironment.Variable.endpointURLSSOOIDC: emulator.baseURL.absoluteString,
            ])
    }

    /// A directory as one multisso process builds it.
    func directory(policy: LoginPolicy, clock: WallClock = .system, margin: Duration = .seconds(15 * 60)) throws
        -> SessionDirectory
    {
        let config = try AWSConfigFile.load(environment)
        var options = SessionOptions(transport: NIOHTTPTransport(timeout: .seconds(30)), presenter: SilentPresenter())
        options.useDeviceCode = true
        options.noBrowser = true
        options.loginPolicy = policy
        options.clock = clock
        options.credentialMargins = ExpiryMargins(refresh: margin, expired: .zero)
        return SessionDirectory(environment: environment, config: config, options: options)
    }

    /// Logs every portal in (another "process": its own directory), without fetching credentials.
    func logIn() async throws {
        let directory = try directory(policy: .interactive)
        for profile in try profiles(directory) {
            _ = try await directory.portal(for: profile).accessToken()
        }
    }

    func profiles(_ directory: SessionDirectory) throws -> [SSOProfile] {
        try profileNames.map { try directory.profile(named: $0) }
    }

    /// The server's configuration for every profile of the sandbox.
    func configuration(_ directory: SessionDirectory, token: ServerToken = .random()) throws
        -> CredentialServerConfiguration
    {
        CredentialServerConfiguration(token: token, profiles: try profiles(directory))
    }

    /// A random token and its text.
    static func newToken() -> (ServerToken, String) {
        let text = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return (ServerToken(text), text)
    }
}

/// Device codes are approved by the emulator; nothing to show.
struct SilentPresenter: LoginPresenter {
    func present(_ prompt: LoginPrompt) async {}
}
