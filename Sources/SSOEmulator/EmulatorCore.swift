import Foundation

/// Everything a running emulator shares between its routes: the actors that own the directory, the
/// knobs, the counters, the rate buckets and the identity state.
final class EmulatorCore: Sendable {
    /// The directory the emulator started with (`RunningEmulator.portals`).
    let initialDirectory: EmulatorDirectory
    let directory: DirectoryStore
    let knobs: KnobStore
    let counters = Counters()
    let limiter = RateLimiter()
    let identity = IdentityStore()
    /// AWS credentials issued by GetRoleCredentials and AssumeRole, for STS's signature checks.
    let issued = IssuedCredentialStore()
    let federation = FederationStore()

    /// `http`, or `https` with a TLS listener: the scheme of the URLs the emulator hands out.
    let scheme: String

    /// "Now" for every expiry the emulator decides or hands out (a test's manual clock, else the system's).
    let now: @Sendable () -> Date

    init(configuration: EmulatorConfiguration, clock: @escaping @Sendable () -> Date = { Date() }) throws(EmulatorError)
    {
        now = clock
        scheme = configuration.tls == nil ? "http" : "https"
        let directory = configuration.resolvedDirectory()
        if let problem = directory.validationProblem() {
            throw .invalidConfiguration(reason: "the directory is invalid: \(problem)")
        }
        if let problem = configuration.validationProblem() {
            throw .invalidConfiguration(reason: problem)
        }
        initialDirectory = directory
        self.directory = DirectoryStore(directory)
        knobs = KnobStore(configuration)
    }

    func portal(named name: String) async -> EmulatorPortal? {
        await directory.portal(named: name)
    }

    func portal(startURL: String) async -> EmulatorPortal? {
        await directory.portal(startURL: startURL)
    }

    /// The portal a client's login belongs to: the one its `issuerUrl` names, or the first one when
    /// the client registered without an issuer.
    func portal(for client: ClientRecord) async -> EmulatorPortal? {
        await directory.portal(issuer: client.issuerURL)
    }
}

extension EmulatorConfiguration {
    /// Why these knobs cannot be used, or nil when they can.
    func validationProblem() -> String? {
        if !(0...65535).contains(port) { return "port \(port) is not between 0 and 65535" }
        if !(1...100).contains(pageSize) { return "page size \(pageSize) is not between 1 and 100" }
        for (name, rate) in [("fail rate", failRate), ("drop rate", dropRate), ("stall rate", stallRate)]
        where !(0...1).contains(rate) {
            return "\(name) \(rate) is not between 0 and 1"
        }
        if failRate + dropRate + stallRate > 1 { return "fail, drop and stall rates add up to more than 1" }
        if let rateLimit, !(rateLimit > 0) { return "rate limit \(rateLimit) must be above 0 requests per second" }
        if burst < 1 { return "burst \(burst) must be at least 1" }
        if latency < .zero || jitter < .zero { return "latency and jitter must not be negative" }
        if pollInterval < 0 { return "poll interval \(pollInterval) must not be negative" }
        return nil
    }
}
