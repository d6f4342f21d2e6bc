public import Foundation

/// A live emulator inside `withEmulator`: its address, its directory, and in-process access to the
/// same counters and admin actions as the `/_admin` routes.
public struct RunningEmulator: Sendable {
    /// `http://127.0.0.1:PORT` (`https://` with ``EmulatorConfiguration/tls``); both APIs, the device page and `/_admin` are at this root.
    public var baseURL: URL
    public var port: Int
    /// The portals (start URLs) with their accounts and roles as the emulator started
    /// (``replaceDirectory(_:)`` changes what it serves, not this).
    public var portals: [EmulatorPortal]
    let core: EmulatorCore

    init(core: EmulatorCore, port: Int) {
        self.core = core
        self.port = port
        baseURL = URL(string: "\(core.scheme)://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
        portals = core.initialDirectory.portals
    }

    /// The directory served now, as `GET /_admin/directory` returns it.
    public var directory: EmulatorDirectory {
        get async { await core.directory.directory }
    }

    /// Serves other accounts and roles from now on (assignments added or removed), as
    /// `POST /_admin/directory` does; logins and tokens stay valid for portals that remain.
    /// - Throws: ``EmulatorError/invalidConfiguration(reason:)`` when the directory is invalid (the
    ///   served one is then unchanged).
    public func replaceDirectory(_ directory: EmulatorDirectory) async throws(EmulatorError) {
        if let problem = await core.directory.replace(with: directory) {
            throw .invalidConfiguration(reason: "the directory is invalid: \(problem)")
        }
    }

    public func stats() async -> EmulatorStats {
        await core.counters.snapshot()
    }

    /// Every secret the emulator issued (client secrets, device and authorization codes, access and
    /// refresh tokens, secret access keys, session tokens) or received (PKCE verifiers), oldest first:
    /// what a test searches a client's output and logs for.
    public func issuedSecrets() async -> [String] {
        await core.identity.secretLedger
    }

    /// Clears the counters (not the tokens or clients).
    public func reset() async {
        await core.counters.reset()
    }

    /// Approves a pending device authorization by its user code; false when the code is unknown,
    /// expired or already used.
    public func approve(userCode: String) async -> Bool {
        await core.identity.decide(userCode: userCode, decision: .allow, now: core.now())
    }

    /// Denies a pending device authorization: its next poll gets AccessDeniedException.
    public func deny(userCode: String) async -> Bool {
        await core.identity.decide(userCode: userCode, decision: .deny, now: core.now())
    }

    /// Revokes every login of a portal (nil: all): access tokens get UnauthorizedException, refresh
    /// tokens InvalidGrantException.
    public func revokeAllTokens(portal: String?) async {
        await core.identity.revokeAll(portal: portal)
    }

    /// Forgets every client registration (their calls get InvalidClientException); returns how many.
    @discardableResult
    public func forgetClients() async -> Int {
        await core.identity.forgetClients()
    }

    /// Makes every access token of a portal (nil: all) expire now; refresh tokens stay valid.
    public func expireAllAccessTokens(portal: String?) async {
        await core.identity.expireAllAccessTokens(portal: portal, now: core.now())
    }

    /// Changes knobs while the emulator runs; the port cannot change (the directory: ``replaceDirectory(_:)``).
    public func update(_ change: @Sendable (inout EmulatorConfiguration) -> Void) async {
        await core.knobs.update(change)
    }

    /// The knobs in force now.
    public func configuration() async -> EmulatorConfiguration {
        await core.knobs.configuration
    }

    /// The portal whose start URL this is (trailing `/` or `#` ignored).
    public func portal(startURL: String) async -> EmulatorPortal? {
        await core.portal(startURL: startURL)
    }
}
