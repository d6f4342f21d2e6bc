import Foundation
import SSOEmulator

/// One profile the sandbox config declares: `[profile INSTANCE-ACCOUNTNAME-ROLE]`.
struct SandboxProfile: Sendable, Equatable {
    var name: String
    var session: String
    var startURL: String
    var accountID: String
    var roleName: String
    var region: String
}

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
    let folder: URL
    let home: URL
    let emulator: EmulatorProcess
    let directory: EmulatorDirectory
    let profiles: [SandboxProfile]
    let endpoints: EndpointStyle
    /// The CA that signed the emulator's certificate when it serves HTTPS.
    let authority: ThrowawayCertificateAuthority?

    var configFile: URL { home.appendingPathComponent(".aws/config") }
    var cache: CacheContents { CacheContents(home: home) }

    /// Runs `body` in a fresh sandbox with an emulator started with `emulatorArguments`; the emulator
    /// is stopped and the folder removed afterwards, whatever happens. With `tls` the emulator serves
    /// HTTPS with a certificate of a throwaway CA (``authority``); its arguments must then leave the
    /// generated directory at its defaults (the admin routes cannot be reached to read it).
    static func run<T>(
        emulator emulatorArguments: [String], endpoints: EndpointStyle = .servicesSection, tls: Bool = false,
        _ body: (CLISandbox) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("multisso-cli-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments = emulatorArguments
        let authority = tls ? try ThrowawayCertificateAuthority(in: folder) : nil
        if let authority {
            arguments += ["--tls-certificate", authority.server.certificatePath, "--tls-key", authority.server.privateKeyPath]
        }
        let known = tls ? EmulatorConfiguration().resolvedDirectory() : nil
        let emulator = try await EmulatorProcess(arguments, in: folder, knownDirectory: known)
        do {
            let sandbox = try await CLISandbox(folder: folder, emulator: emulator, endpoints: endpoints, authority: authority)
            let result = try await body(sandbox)
            await emulator.stop()
            return result
        } catch {
            await emulator.stop()
            throw error
        }
    }

    private init(
        folder: URL, emulator: EmulatorProcess, endpoints: EndpointStyle, authority: ThrowawayCertificateAuthority?
    ) async throws {
        self.folder = folder
        self.authority = authority
        self.home = folder.appendingPathComponent("home", isDirectory: true)
        self.emulator = emulator
        self.endpoints = endpoints
        directory = try await emulator.directory()
        var profiles: [SandboxProfile] = []
        for instance in directory.instances {
            for account in instance.accounts {
                for role in account.roles {
                    profiles.append(SandboxProfile(
                        name: "\(instance.name)-\(account.accountName)-\(role)", session: instance.name,
                        startURL: instance.startURL, accountID: account.accountID, roleName: role, region: "eu-west-1"))
                }
            }
        }
        self.profiles = profiles
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try writeConfig(extra: "")
    }

    /// Writes ~/.aws/config: one `[sso-session]` per instance, one profile per account and role, and
    /// `extra` text at the end.
    func writeConfig(extra: String) throws {
        var text = ""
        let base = emulator.baseURL.absoluteString
        if endpoints == .servicesSection {
            text += "[services emulator]\nsso =\n  endpoint_url = \(base)\nsso_oidc =\n  endpoint_url = \(base)\n\n"
        }
        for instance in directory.instances {
            text += "[sso-session \(instance.name)]\nsso_start_url = \(instance.startURL)\nsso_region = \(instance.region)\n"
            text += "sso_registration_scopes = sso:account:access\n\n"
        }
        for profile in profiles {
            text += "[profile \(profile.name)]\nsso_session = \(profile.session)\nsso_account_id = \(profile.accountID)\n"
            text += "sso_role_name = \(profile.roleName)\nregion = \(profile.region)\n"
            if endpoints == .servicesSection { text += "services = emulator\n" }
            text += "\n"
        }
        try (text + extra).write(to: configFile, atomically: true, encoding: .utf8)
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
    func start(_ arguments: [String], browser: Bool = false, environment extra: [String: String] = [:]) throws -> ChildRun {
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
    func program(_ path: String, _ arguments: [String], environment extra: [String: String] = [:]) async throws -> RunResult {
        try await ChildRun(
            URL(fileURLWithPath: path), arguments, environment: environment(extra: extra), in: folder,
            name: "program-\(UUID().uuidString.prefix(8))"
        ).wait(timeout: .seconds(60))
    }

    func profile(_ name: String) -> SandboxProfile? { profiles.first { $0.name == name } }
}
