import ArgumentParser
import SSOEmulator

/// How logins are approved and how long what the emulator issues lives.
struct LoginOptions: ParsableArguments {
    @Flag(
        help:
            "Approve device codes and /authorize requests automatically (after --approve-after). Without it a person approves on the /device page or the /authorize consent page, or a script calls POST /_admin/approve."
    )
    var autoApprove = false

    @Option(help: ArgumentHelp("Delay before automatic approval, in seconds; implies --auto-approve.", valueName: "S"))
    var approveAfter: Double?

    @Flag(
        help:
            "Automatic approval denies instead: device codes get AccessDeniedException, /authorize redirects with error=access_denied."
    )
    var deny = false

    @Option(help: ArgumentHelp("Access token lifetime (expiresIn of CreateToken), in seconds.", valueName: "S"))
    var tokenTtl: Double = 28_800

    @Option(help: ArgumentHelp("Refresh token lifetime, in seconds.", valueName: "S"))
    var refreshTokenTtl: Double = 7_776_000

    @Option(
        help: ArgumentHelp("Role credential lifetime (expiration of GetRoleCredentials), in seconds.", valueName: "S"))
    var credentialTtl: Double = 3_600

    @Option(help: ArgumentHelp("Client registration lifetime (clientSecretExpiresAt), in seconds.", valueName: "S"))
    var registrationTtl: Double = 7_776_000

    @Option(
        help: ArgumentHelp(
            "Device code lifetime (expiresIn of StartDeviceAuthorization), in seconds; then ExpiredTokenException.",
            valueName: "S"))
    var deviceCodeTtl: Double = 600

    @Option(help: ArgumentHelp("Authorization code lifetime, in seconds.", valueName: "S"))
    var authorizationCodeTtl: Double = 300

    @Option(
        help: ArgumentHelp(
            "Polling interval of the device flow, in seconds; polling faster gets SlowDownException (0: never).",
            valueName: "S"))
    var pollInterval: Int = 1

    @Flag(
        help:
            "Keep the same refresh token across refreshes (default: each refresh returns a new one and invalidates the old)."
    )
    var keepRefreshTokens = false

    @Flag(
        help:
            "Answer 403 ForbiddenException \"No access\" for unassigned accounts and roles instead of 404 ResourceNotFoundException."
    )
    var forbiddenForUnassigned = false

    func apply(to configuration: inout EmulatorConfiguration) {
        let seconds = { (value: Double) in Duration.milliseconds(value * 1000) }
        configuration.autoApprove = autoApprove || approveAfter != nil
        configuration.approveAfter = seconds(approveAfter ?? 0)
        configuration.autoDecision = deny ? .deny : .allow
        configuration.tokenTTL = seconds(tokenTtl)
        configuration.refreshTokenTTL = seconds(refreshTokenTtl)
        configuration.credentialTTL = seconds(credentialTtl)
        configuration.registrationTTL = seconds(registrationTtl)
        configuration.deviceCodeTTL = seconds(deviceCodeTtl)
        configuration.authorizationCodeTTL = seconds(authorizationCodeTtl)
        configuration.pollInterval = pollInterval
        configuration.rotateRefreshTokens = !keepRefreshTokens
        configuration.forbiddenForUnassigned = forbiddenForUnassigned
    }

    func validate() throws {
        let lifetimes = [
            tokenTtl, refreshTokenTtl, credentialTtl, registrationTtl, deviceCodeTtl, authorizationCodeTtl,
        ]
        guard lifetimes.allSatisfy({ $0 >= 0 }), (approveAfter ?? 0) >= 0, pollInterval >= 0 else {
            throw ValidationError("Lifetimes, --approve-after and --poll-interval must not be negative.")
        }
    }
}
