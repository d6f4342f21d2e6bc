public import Foundation

/// A live emulator inside `withEmulator`: its address, its directory, and in-process access to the
/// same counters and admin actions as the `/_admin` routes.
public struct RunningEmulator: Sendable {
    /// `http://127.0.0.1:PORT`; both APIs, the device page and `/_admin` are at this root.
    public var baseURL: URL
    public var port: Int
    /// The instances (start URLs) with their accounts and roles.
    public var instances: [EmulatorInstance]
    let core: EmulatorCore

    init(core: EmulatorCore, port: Int) {
        self.core = core
        self.port = port
        baseURL = URL(string: "http://127.0.0.1:\(port)") ?? URL(fileURLWithPath: "/")
        instances = core.directory.instances
    }

    /// The directory as `GET /_admin/directory` returns it.
    public var directory: EmulatorDirectory { core.directory }

    public func stats() async -> EmulatorStats {
        await core.counters.snapshot()
    }

    /// Clears the counters (not the tokens or clients).
    public func reset() async {
        await core.counters.reset()
    }

    /// Approves a pending device authorization by its user code; false when the code is unknown,
    /// expired or already used.
    public func approve(userCode: String) async -> Bool {
        await core.identity.decide(userCode: userCode, decision: .allow, now: Date())
    }

    /// Denies a pending device authorization: its next poll gets AccessDeniedException.
    public func deny(userCode: String) async -> Bool {
        await core.identity.decide(userCode: userCode, decision: .deny, now: Date())
    }

    /// Revokes every login of an instance (nil: all): access tokens get UnauthorizedException, refresh
    /// tokens InvalidGrantException.
    public func revokeAllTokens(instance: String?) async {
        await core.identity.revokeAll(instance: instance)
    }

    /// Makes every access token of an instance (nil: all) expire now; refresh tokens stay valid.
    public func expireAllAccessTokens(instance: String?) async {
        await core.identity.expireAllAccessTokens(instance: instance, now: Date())
    }

    /// Changes knobs while the emulator runs; the directory and the port cannot change.
    public func update(_ change: @Sendable (inout EmulatorConfiguration) -> Void) async {
        await core.knobs.update(change)
    }

    /// The knobs in force now.
    public func configuration() async -> EmulatorConfiguration {
        await core.knobs.configuration
    }

    /// The instance whose start URL this is (trailing `/` or `#` ignored).
    public func instance(startURL: String) -> EmulatorInstance? {
        core.instance(startURL: startURL)
    }
}
