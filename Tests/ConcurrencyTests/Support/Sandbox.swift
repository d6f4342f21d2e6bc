import FileStore
import Foundation
import ParallelExec
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport

@testable import SessionActors

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A throw-away HOME with a config file that points every profile at a running emulator: what each
/// concurrency test starts from, so that tests run in parallel without sharing a file.
struct Sandbox: EmulatorSandbox {
    let sandboxHome: SandboxHome
    let emulator: RunningEmulator
    /// Profile names, in config order.
    private(set) var profileNames: [String] = []

    init(home: SandboxHome, emulator: RunningEmulator) {
        sandboxHome = home
        self.emulator = emulator
    }

    var home: URL { sandboxHome.home }

    /// The environment of a process run in this sandbox: HOME, and the SSO and federation endpoints at the emulator.
    var environment: AWSEnvironment {
        AWSEnvironment.sandbox(
            home: home,
            variables: [
                AWSEnvironment.Variable.endpointURLSSO: emulator.baseURL.absoluteString,
                AWSEnvironment.Variable.endpointURLSSOOIDC: emulator.baseURL.absoluteString,
                "AWS_ENDPOINT_URL_SIGNIN": emulator.baseURL.absoluteString,
            ])
    }

    /// Writes one `[sso-session]` per emulator portal and one profile per (account, role) it shows,
    /// at most `perPortal` profiles per portal.
    mutating func writeConfig(perPortal: Int = .max) throws {
        profileNames = try sandboxHome.write(
            SandboxConfig(emulator.portals, perPortal: perPortal), header: "# written by the concurrency tests\n")
    }

    /// A directory of actors as one multisso process would build it, logging in with the device code
    /// flow (the emulator approves it automatically).
    func directory(_ configure: (inout SessionOptions) -> Void = { _ in }) throws -> SessionDirectory {
        let environment = self.environment
        let config = try AWSConfigFile.load(environment)
        var options = SessionOptions(
            transport: NIOHTTPTransport(timeout: .seconds(30)), presenter: FollowingPresenter())
        options.useDeviceCode = true
        options.noBrowser = true
        options.retry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(20), maxDelay: .milliseconds(200))
        configure(&options)
        return SessionDirectory(environment: environment, config: config, options: options)
    }

    /// Every resolved profile of the config.
    func profiles(_ directory: SessionDirectory) throws -> [SSOProfile] {
        try profileNames.map { try directory.profile(named: $0) }
    }

    /// Every file in both caches, each of which must parse as the AWS CLI's JSON with its required fields.
    func invalidCacheFiles() throws -> [String] {
        var problems: [String] = []
        let folders = [
            (environment.ssoCacheDirectory, ["accessToken", "expiresAt"], ["clientId", "clientSecret", "expiresAt"]),
            // SSO role credentials, or an assumed role (botocore's AssumeRole response layout).
            (environment.cliCacheDirectory, ["ProviderType", "Credentials"], ["Credentials", "AssumedRoleUser"]),
        ]
        for (folder, tokenKeys, registrationKeys) in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { continue }
            for name in names {
                if name.hasSuffix(".lock") { continue }
                guard name.hasSuffix(".json") else {
                    problems.append("\(name): unexpected file (a temporary file left behind?)")
                    continue
                }
                let data = try Data(contentsOf: folder.appendingPathComponent(name))
                guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                    problems.append("\(name): not a JSON object")
                    continue
                }
                let hasToken = tokenKeys.allSatisfy { object[$0] != nil }
                let hasRegistration = registrationKeys.allSatisfy { object[$0] != nil }
                if !hasToken && !hasRegistration { problems.append("\(name): missing fields") }
            }
        }
        return problems
    }

}

/// Plays the person at the browser: follows any authorization URL with a real HTTP client (which
/// follows the emulator's redirect to the loopback listener). Device codes are approved by the emulator.
struct FollowingPresenter: LoginPresenter {
    func present(_ prompt: LoginPrompt) async {
        switch prompt {
        case .browserOpened(_, let url), .openURL(_, let url, _):
            _ = try? await URLSession.shared.data(from: url)
        default:
            break
        }
    }
}

/// Counts events of a kind, safely from any task, and runs an action once when a count is reached.
actor EventCounter {
    private var done = 0
    private var trigger: (at: Int, action: @Sendable () async -> Void)?

    func onDone(at count: Int, _ action: @escaping @Sendable () async -> Void) {
        trigger = (count, action)
    }

    func record(_ event: ProgressEvent) async {
        guard case .profileDone = event else { return }
        done += 1
        if let trigger, done == trigger.at {
            self.trigger = nil
            await trigger.action()
        }
    }

    var count: Int { done }
}
