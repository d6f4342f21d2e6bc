/// The knobs that can change at run time, as JSON (`GET`/`POST /_admin/config`): every member is
/// optional, and a POST changes only the members it carries. A `rateLimit` or `retryAfterSeconds` of 0
/// turns that knob off.
struct KnobsDocument: Codable, Sendable {
    var pageSize: Int?
    var latencyMs: Double?
    var jitterMs: Double?
    var rateLimit: Double?
    var burst: Int?
    var rateLimitedOperations: [String]?
    var retryAfterSeconds: Double?
    var failRate: Double?
    var dropRate: Double?
    var stallRate: Double?
    var stallMs: Double?
    var autoApprove: Bool?
    var approveAfterMs: Double?
    var autoDecision: EmulatorConfiguration.Decision?
    var tokenTtlSeconds: Double?
    var refreshTokenTtlSeconds: Double?
    var credentialTtlSeconds: Double?
    var registrationTtlSeconds: Double?
    var deviceCodeTtlSeconds: Double?
    var authorizationCodeTtlSeconds: Double?
    var signinTokenTtlSeconds: Double?
    var pollInterval: Int?
    var rotateRefreshTokens: Bool?
    var forbiddenForUnassigned: Bool?

    init(_ knobs: EmulatorConfiguration) {
        pageSize = knobs.pageSize
        latencyMs = knobs.latency.seconds * 1000
        jitterMs = knobs.jitter.seconds * 1000
        rateLimit = knobs.rateLimit ?? 0
        burst = knobs.burst
        rateLimitedOperations = knobs.rateLimitedOperations.map { $0.sorted() }
        retryAfterSeconds = knobs.retryAfter?.seconds ?? 0
        failRate = knobs.failRate
        dropRate = knobs.dropRate
        stallRate = knobs.stallRate
        stallMs = knobs.stallDuration.seconds * 1000
        autoApprove = knobs.autoApprove
        approveAfterMs = knobs.approveAfter.seconds * 1000
        autoDecision = knobs.autoDecision
        tokenTtlSeconds = knobs.tokenTTL.seconds
        refreshTokenTtlSeconds = knobs.refreshTokenTTL.seconds
        credentialTtlSeconds = knobs.credentialTTL.seconds
        registrationTtlSeconds = knobs.registrationTTL.seconds
        deviceCodeTtlSeconds = knobs.deviceCodeTTL.seconds
        authorizationCodeTtlSeconds = knobs.authorizationCodeTTL.seconds
        signinTokenTtlSeconds = knobs.signinTokenTTL.seconds
        pollInterval = knobs.pollInterval
        rotateRefreshTokens = knobs.rotateRefreshTokens
        forbiddenForUnassigned = knobs.forbiddenForUnassigned
    }

    func apply(to knobs: inout EmulatorConfiguration) {
        let ms = { (value: Double) in Duration.milliseconds(value) }
        let s = { (value: Double) in Duration.milliseconds(value * 1000) }
        if let pageSize { knobs.pageSize = pageSize }
        if let latencyMs { knobs.latency = ms(latencyMs) }
        if let jitterMs { knobs.jitter = ms(jitterMs) }
        if let rateLimit { knobs.rateLimit = rateLimit > 0 ? rateLimit : nil }
        if let burst { knobs.burst = burst }
        if let rateLimitedOperations { knobs.rateLimitedOperations = Set(rateLimitedOperations) }
        if let retryAfterSeconds { knobs.retryAfter = retryAfterSeconds > 0 ? s(retryAfterSeconds) : nil }
        if let failRate { knobs.failRate = failRate }
        if let dropRate { knobs.dropRate = dropRate }
        if let stallRate { knobs.stallRate = stallRate }
        if let stallMs { knobs.stallDuration = ms(stallMs) }
        if let autoApprove { knobs.autoApprove = autoApprove }
        if let approveAfterMs { knobs.approveAfter = ms(approveAfterMs) }
        if let autoDecision { knobs.autoDecision = autoDecision }
        if let tokenTtlSeconds { knobs.tokenTTL = s(tokenTtlSeconds) }
        if let refreshTokenTtlSeconds { knobs.refreshTokenTTL = s(refreshTokenTtlSeconds) }
        if let credentialTtlSeconds { knobs.credentialTTL = s(credentialTtlSeconds) }
        if let registrationTtlSeconds { knobs.registrationTTL = s(registrationTtlSeconds) }
        if let deviceCodeTtlSeconds { knobs.deviceCodeTTL = s(deviceCodeTtlSeconds) }
        if let authorizationCodeTtlSeconds { knobs.authorizationCodeTTL = s(authorizationCodeTtlSeconds) }
        if let signinTokenTtlSeconds { knobs.signinTokenTTL = s(signinTokenTtlSeconds) }
        if let pollInterval { knobs.pollInterval = pollInterval }
        if let rotateRefreshTokens { knobs.rotateRefreshTokens = rotateRefreshTokens }
        if let forbiddenForUnassigned { knobs.forbiddenForUnassigned = forbiddenForUnassigned }
    }
}
