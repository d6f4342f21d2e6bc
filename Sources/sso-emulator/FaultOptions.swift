import ArgumentParser
import SSOEmulator

/// How slow and unreliable the emulator is.
struct FaultOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Latency added to every API request, in milliseconds.", valueName: "MS"))
    var latencyMs: Double = 0

    @Option(help: ArgumentHelp("Extra random latency, uniform between 0 and MS milliseconds.", valueName: "MS"))
    var jitterMs: Double = 0

    @Option(
        help: ArgumentHelp(
            "Token-bucket rate limit per operation, in requests per second; over it: 429 TooManyRequestsException. Default: none.",
            valueName: "RPS"))
    var rateLimit: Double?

    @Option(help: ArgumentHelp("Bucket size of the rate limit (requests allowed at once).", valueName: "B"))
    var burst: Int = 10

    @Option(
        help: ArgumentHelp(
            "Limit only these operations (comma-separated, e.g. GetRoleCredentials,ListAccounts). Default: all.",
            valueName: "OPS"))
    var rateLimitedOperations: String?

    @Option(
        help: ArgumentHelp(
            "Send Retry-After with this many seconds on 429 answers. Default: no header.", valueName: "S"))
    var retryAfter: Double?

    @Option(help: ArgumentHelp("Share of API requests (0-1) answered 500 InternalServerException.", valueName: "F"))
    var failRate: Double = 0

    @Option(
        help: ArgumentHelp("Share of API requests (0-1) whose connection is closed without an answer.", valueName: "F"))
    var dropRate: Double = 0

    @Option(
        help: ArgumentHelp(
            "Share of API requests (0-1) that stall for --stall-ms before being answered.", valueName: "F"))
    var stallRate: Double = 0

    @Option(help: ArgumentHelp("How long a stalled request waits, in milliseconds.", valueName: "MS"))
    var stallMs: Double = 30_000

    @Option(
        help: ArgumentHelp(
            "Send a Date header this many seconds off the real time (negative: behind), to test clock-skew checks.",
            valueName: "S"))
    var dateSkewSeconds: Double = 0

    func validate() throws {
        for (name, value) in [("--fail-rate", failRate), ("--drop-rate", dropRate), ("--stall-rate", stallRate)]
        where !(0...1).contains(value) {
            throw ValidationError("\(name) must be between 0 and 1.")
        }
        guard failRate + dropRate + stallRate <= 1 else {
            throw ValidationError("--fail-rate, --drop-rate and --stall-rate must add up to at most 1.")
        }
        guard latencyMs >= 0, jitterMs >= 0, stallMs >= 0 else {
            throw ValidationError("--latency-ms, --jitter-ms and --stall-ms must not be negative.")
        }
        if let rateLimit, !(rateLimit > 0) { throw ValidationError("--rate-limit must be above 0.") }
        guard burst >= 1 else { throw ValidationError("--burst must be at least 1.") }
        guard dateSkewSeconds.isFinite, abs(dateSkewSeconds) <= 10 * 365 * 86_400 else {
            throw ValidationError("--date-skew-seconds must be a number of seconds within ten years.")
        }
    }

    func apply(to configuration: inout EmulatorConfiguration) {
        configuration.latency = .milliseconds(latencyMs)
        configuration.jitter = .milliseconds(jitterMs)
        configuration.rateLimit = rateLimit
        configuration.burst = burst
        configuration.rateLimitedOperations = rateLimitedOperations.map {
            Set($0.split(separator: ",").map { $0.trimmingWhitespace() })
        }
        configuration.retryAfter = retryAfter.map { .milliseconds($0 * 1000) }
        configuration.failRate = failRate
        configuration.dropRate = dropRate
        configuration.stallRate = stallRate
        configuration.stallDuration = .milliseconds(stallMs)
        configuration.dateSkew = .milliseconds(dateSkewSeconds * 1000)
    }
}

extension Substring {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
