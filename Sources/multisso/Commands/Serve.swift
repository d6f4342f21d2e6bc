import ArgumentParser
import CredentialServer
import Foundation
import ParallelExec
import SSOConfig
import SessionActors

/// `multisso serve`: a credential server on loopback for SDKs that use the container credentials
/// protocol, serving every selected profile at `/profiles/NAME` until Ctrl-C or SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve credentials to SDKs over the container credentials protocol (loopback only).",
        discussion: """
            The first line on stdout is `listening on http://127.0.0.1:PORT`; then the variables to set:
            AWS_CONTAINER_CREDENTIALS_FULL_URI (one profile's URL, http://127.0.0.1:PORT/profiles/NAME with
            NAME percent-encoded) and AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (the token file; the token itself
            is never printed). GET /profiles lists the profiles served. The token (256 random bits) is read
            from --token-file, which is created (0600) when missing.

            Every AWS SDK and the AWS CLI refresh from the server by themselves; the server hands out
            credentials with at least --refresh-window left (15 minutes, when botocore refreshes), fetching
            them again once, however many clients ask. It never prompts: when a login is needed, requests get
            HTTP 503 whose message names `multisso login --sso-session S`; once anyone logs in, it serves again.

            With --imds-profile P, the same listener also speaks IMDSv2 for P (set
            AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:PORT/); any local process can read P's
            credentials there, since IMDS has no token file.

            Exit status: 0 when stopped by Ctrl-C or SIGTERM; 3 when the token file or the address cannot be
            used; 64 for a non-loopback --host without --allow-non-loopback.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var selection: SelectionOptions

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: Int = 0

    @Option(name: .long, help: "The address to listen on (default 127.0.0.1).")
    var host: String = "127.0.0.1"

    @Flag(
        name: .customLong("allow-non-loopback"),
        help: "Allow --host to be an address other than loopback (reachable by other machines or containers).")
    var allowNonLoopback = false

    @Option(
        name: .customLong("token-file"),
        help: "The file holding the token clients send (default ~/.aws/multisso/serve-token).")
    var tokenFile: String?

    @Option(name: .customLong("imds-profile"), help: "Also serve this profile on the IMDSv2 paths (/latest/...).")
    var imdsProfile: String?

    @Option(
        name: .customLong("refresh-window"),
        help: "Fetch credentials again rather than serve them with less than this many seconds left (default 900).")
    var refreshWindowSeconds: Double = 900

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
        guard refreshWindowSeconds.isFinite, (0...43_200).contains(refreshWindowSeconds) else {
            throw ValidationError("--refresh-window must be 0 to 43200 seconds")
        }
    }

    func run() async throws {
        var runtime: Runtime
        do {
            runtime = try Runtime.load(global, trustingActiveProfile: false)
        } catch {
            throw Console(noColor: global.noColor, environment: [:]).fail(error)
        }
        let configuration: CredentialServerConfiguration
        let file: URL
        do {
            let selected = try runtime.selectCredentials(selection)
            for failure in selected.failures { runtime.console.err("multisso: \(failure.profile): \(failure.error)") }
            var served = selected.profiles
            let imds = try imdsProfile.map { name in try runtime.config.ssoProfile(named: name) }
            if let imds, !served.contains(where: { $0.name == imds.name }) { served.append(.sso(imds)) }
            runtime = try runtime.trusting(served.map(\.name))
            file = ServerTokenFile.resolve(tokenFile, environment: runtime.environment)
            var built = CredentialServerConfiguration(
                token: try ServerToken.loadOrCreate(file), serving: served, imdsProfile: imds)
            built.host = host
            built.port = port
            built.allowNonLoopback = allowNonLoopback
            let logging = runtime
            if runtime.global.verbose { built.log = { line in logging.verbose(line) } }
            configuration = built
        } catch {
            throw runtime.console.fail(error)
        }
        if allowNonLoopback, !["127.0.0.1", "::1", "localhost"].contains(host) {
            runtime.console.err(
                runtime.console.styled("multisso: warning:", "33")
                    + " listening on \(host): any machine or container that reaches it may try the token")
        }
        let margins = ExpiryMargins(refresh: .milliseconds(Int64(refreshWindowSeconds * 1000)), expired: .zero)
        let console = runtime.console
        let names = configuration.profiles.keys.sorted()
        let scope = runtime
        let (result, _) = await SignalCancellation.run { () -> Result<Void, any Error> in
            do {
                // One directory, and its HTTP clients, for as long as the server runs.
                try await scope.withDirectory(loginPolicy: .never, credentialMargins: margins) { directory in
                    try await withCredentialServer(configuration, directory: directory) { server in
                        console.out(
                            ServeBanner.text(
                                server: server, profiles: names, tokenFile: file, imds: configuration.imdsProfile != nil
                            ))
                        await server.waitUntilCancelled()
                    }
                }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = result { throw console.fail(error) }
    }
}

/// What `serve` prints once it listens: the contract line, then the variables to paste.
enum ServeBanner {
    static func text(server: RunningCredentialServer, profiles: [String], tokenFile: URL, imds: Bool) -> String {
        var text = "listening on \(server.baseURL)\n"
        text += "export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=\(CredentialDocument.shellQuoted(tokenFile.path))\n"
        let shown = profiles.prefix(20)
        for (index, name) in shown.enumerated() {
            let line =
                "export AWS_CONTAINER_CREDENTIALS_FULL_URI=\(CredentialDocument.shellQuoted(server.url(forProfile: name)))"
            text += (index == 0 ? "" : "# ") + line + (shown.count > 1 ? "    # \(name)" : "") + "\n"
        }
        if profiles.count > shown.count {
            text += "# … and \(profiles.count - shown.count) more: GET \(server.baseURL)/profiles lists them\n"
        }
        if imds { text += "export AWS_EC2_METADATA_SERVICE_ENDPOINT=\(server.metadataEndpoint)\n" }
        return text
    }
}
