import AWSFormats
import Foundation

@testable import SSOCache

/// Sample cache values whose secrets are recognisable, so tests can check they never leak.
enum Fixtures {
    static let startURL = "https://d-123.awsapps.com/start"
    static let expiry = Date(timeIntervalSince1970: 1_893_456_000)  // 2030-01-01T00:00:00Z
    static let registrationExpiry = Date(timeIntervalSince1970: 1_901_232_000)  // 2030-04-01T00:00:00Z

    static let token = CachedToken(
        startURL: startURL, region: "us-east-1", accessToken: "SECRET-access-token", expiresAt: expiry,
        clientID: "client-id-1", clientSecret: "SECRET-client-secret", registrationExpiresAt: registrationExpiry,
        refreshToken: "SECRET-refresh-token"
    )

    static let registration = CachedRegistration(
        clientID: "client-id-1", clientSecret: "SECRET-client-secret", expiresAt: registrationExpiry,
        scopes: ["sso:account:access"], grantTypes: ["authorization_code", "refresh_token"]
    )

    static let credentials = RoleCredentials(
        accessKeyID: "ASIAEXAMPLE", secretAccessKey: "SECRET-secret-key", sessionToken: "SECRET-session-token",
        expiration: expiry, accountID: "111122223333"
    )

    static let secrets = [
        "SECRET-access-token", "SECRET-client-secret", "SECRET-refresh-token",
        "SECRET-secret-key", "SECRET-session-token",
    ]
}
