/// How close to expiry a token or a set of role credentials may be before it is renewed.
///
/// Two margins, as botocore and the AWS CLI use them: inside `refresh`, a renewal is attempted but
/// the old value is still usable if renewal fails; inside `expired`, the value is treated as gone.
public struct ExpiryMargins: Sendable, Hashable {
    /// Renew when less than this remains (the AWS CLI's 15 minutes by default).
    public var refresh: Duration
    /// Never hand out a value with less than this left.
    public var expired: Duration

    public init(refresh: Duration, expired: Duration) {
        self.refresh = refresh
        self.expired = expired
    }

    /// SSO access tokens: botocore refreshes within 15 minutes of expiry and needs one at least 1 minute from it.
    public static let token = ExpiryMargins(refresh: .seconds(15 * 60), expired: .seconds(60))
    /// Role credentials: the AWS CLI reuses cached ones only with more than 15 minutes left.
    public static let roleCredentials = ExpiryMargins(refresh: .seconds(15 * 60), expired: .seconds(5 * 60))
    /// Client registrations are replaced within 15 minutes of expiry, as the AWS CLI does.
    public static let registration = ExpiryMargins(refresh: .seconds(15 * 60), expired: .seconds(15 * 60))
}

extension Duration {
    /// The duration in (fractional) seconds, for date arithmetic.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
