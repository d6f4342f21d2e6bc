import Foundation
import SSOEmulator
import TestSupport

/// How the sandbox config points multisso at the emulator.
enum EndpointStyle: Sendable {
    /// `[services emulator]` with `sso` and `sso_oidc` endpoint_url, and `services = emulator` in each profile.
    case servicesSection
    /// AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC in the environment.
    case environment
}

/// A test's own world: a temporary folder with a sandbox HOME (~/.aws/config written from the
/// emulator's directory), its own `sso-emulator` process, and a way to run the built `multisso` there.
final class CLISandbox: Sendable {
    let sandboxHome: SandboxHome
    let emulator: EmulatorProcess
    let directory: EmulatorDirectory
    let config: SandboxConfig
    let endpoints: EndpointStyle
    /// The CA that signed the emulator's certificate when it serves HTTPS.
    let authority: ThrowawayCertificateAuthority?

    var folder: URL { sandboxHome.root }
    var home: URL { sandboxHome.home }
    var configFile: URL { sandboxHome.configFile }
    var profiles: [SandboxProfile] { config.profiles }
    var cache: CacheContents { CacheContents(home: home) }

    /// Runs `body` in a fresh sandbox with an emulator started with `emulatorArguments`; the emulator
    /// is stopped and the folder removed afterwards, whatever happens. With `tls` the emulator serves
    /// HTTPS with a certificate of a throwaway CA (``authority``); its arguments must then leave the
    /// generated directory at its defaults (the admin routes cannot be reached to read it).
    static func run<T>(
        emulator emulatorArguments: [String], endpoints: EndpointStyle = .servicesSection, tls: Bool = false,
        _ body: (CLISandbox) async throws -> T
    ) async throws -> T {
        try await withSandboxHome { sandboxHome in
            let folder = sandboxHome.root
            var arguments = emulatorArguments
            let authority = tls ? try ThrowawayCertificateAuthority(in: folder) : nil
            if let authority {
                arguments += [
                    "--tls-certificate", authority.server.certificatePath, "--tls-key", authority.server.privateKeyPath,
                ]
            }
            let known = tls ? EmulatorConfiguration().resolvedDirectory() : nil
            let emulator = try await EmulatorProcess(arguments, in: folder, knownDirectory: known)
            do {
                let sandbox = try await CLISandbox(
                    sandboxHome, emulator: emulator, endpoints: endpoints, authority: authority)
                let result = try await body(sandbox)
                await emulator.stop()
                return result
            } catch {
                await emulator.stop()
                throw error
            }
        }
    }

    private init(
        _ sandboxHome: SandboxHome, emulator: EmulatorProcess, endpoints: EndpointStyle,
        authority: ThrowawayCertificateAuthority?
    ) async throws {
        self.sandboxHome = sandboxHome
        self.authority = authority
        self.emulator = emulator
        self.endpoints = endpoints
        directory = try await emulator.directory()
        config = SandboxConfig(
            directory.portals, sessionName: { _, portal in portal.name },
            naming: { _, portal, account, role in "\(portal.name)-\(account.accountName)-\(role)" })
        try writeConfig(extra: "")
    }

    /// Writes ~/.aws/config: one `[sso-session]` per portal, one profile per account and role, and
    /// `extra` text at the end.
    func writeConfig(extra: String) throws {
        let base = endpoints == .servicesSection ? emulator.baseURL.absoluteString : nil
        try sandboxHome.write(config, servicesAt: base, extra: extra)
    }

    /// The environment every command gets: a minimal PATH, the sandbox HOME, and the endpoints when
    /// they come from the environment. `browser` sets `$BROWSER` to the script that plays the person.
    func environment(browser: Bool = false, extra: [String: String] = [:]) -> [String: String] {
        var variables = ["PATH": "/usr/bin:/bin", "HOME": home.path, "LANG": "C.UTF-8", "TMPDIR": folder.path]
        if endpoints == .environment {
            variables["AWS_ENDPOINT_URL_SSO"] = emulator.baseURL.absoluteString
            variables["AWS_ENDPOINT_URL_SSO_OIDC"] = emulator.baseURL.absoluteString
        }
        if browser { variables["BROWSER"] = TestBinaries.browserScript.path + " %s" }
        variables.merge(extra) { $1 }
        return variables
    }

    /// Starts `multisso ARGUMENTS` in the sandbox.
    func start(_ arguments: [String], browser: Bool = false, environment extra: [String: String] = [:]) throws
        -> ChildRun
    {
        try ChildRun(
            try TestBinaries.multisso(), arguments, environment: environment(browser: browser, extra: extra),
            in: folder, name: "multisso-\(UUID().uuidString.prefix(8))")
    }

    /// Runs `multisso ARGUMENTS` to completion.
    func multisso(
        _ arguments: [String], browser: Bool = false, environment extra: [String: String] = [:],
        timeout: Duration = .seconds(120)
    ) async throws -> RunResult {
        try await start(arguments, browser: browser, environment: extra).wait(timeout: timeout)
    }

    /// Runs any program in the sandbox environment (e.g. `sh -c` to eval an export).
    func program(_ path: String, _ arguments: [String], environment extra: [String: String] = [:]) async throws
        -> RunResult
    {
        try await ChildRun(
            URL(fileURLWithPath: path), arguments, environment: environment(extra: extra), in: folder,
            name: "program-\(UUID().uuidString.prefix(8))"
        ).wait(timeout: .seconds(60))
    }

    func profile(_ name: String) -> SandboxProfile? { profiles.first { $0.name == name } }
}
