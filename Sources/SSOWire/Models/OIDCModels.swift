public import Foundation

/// A client registered with RegisterClient: the credentials the OIDC calls of one login use.
public struct ClientRegistration: Sendable, Equatable, CustomStringConvertible {
    public var clientID: String
    public var clientSecret: String
    public var clientIDIssuedAt: Date
    public var clientSecretExpiresAt: Date
    /// The scopes sent with the registration (the service does not echo them).
    public var scopes: [String]?
    /// The grant types sent with the registration (the service does not echo them).
    public var grantTypes: [String]?

    public init(
        clientID: String, clientSecret: String, clientIDIssuedAt: Date, clientSecretExpiresAt: Date,
        scopes: [String]? = nil, grantTypes: [String]? = nil
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.clientIDIssuedAt = clientIDIssuedAt
        self.clientSecretExpiresAt = clientSecretExpiresAt
        self.scopes = scopes
        self.grantTypes = grantTypes
    }

    public var description: String {
        "ClientRegistration(clientID: \(clientID), clientSecret: <redacted>, expires: \(clientSecretExpiresAt))"
    }
}

/// The answer of StartDeviceAuthorization: what the user must confirm, and how to poll.
public struct DeviceAuthorization: Sendable, Equatable, CustomStringConvertible {
    public var deviceCode: String
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String?
    /// Seconds until the device code expires.
    public var expiresIn: Int
    /// Seconds between CreateToken polls; nil means the default of 5.
    public var interval: Int?

    public init(
        deviceCode: String, userCode: String, verificationURI: String, verificationURIComplete: String?,
        expiresIn: Int, interval: Int?
    ) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresIn = expiresIn
        self.interval = interval
    }

    public var description: String {
        "DeviceAuthorization(deviceCode: <redacted>, userCode: \(userCode), verificationURI: \(verificationURI), expiresIn: \(expiresIn))"
    }
}

/// The answer of CreateToken: an access token for the portal and, usually, a refresh token.
public struct TokenGrant: Sendable, Equatable, CustomStringConvertible {
    public var accessToken: String
    public var tokenType: String?
    /// Seconds until the access token expires.
    public var expiresIn: Int
    public var refreshToken: String?
    public var idToken: String?

    public init(accessToken: String, tokenType: String?, expiresIn: Int, refreshToken: String?, idToken: String?) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.idToken = idToken
    }

    public var description: String {
        "TokenGrant(accessToken: <redacted>, expiresIn: \(expiresIn), refreshToken: \(refreshToken == nil ? "none" : "<redacted>"))"
    }
}

/// The grant a CreateToken call redeems.
public enum GrantRequest: Sendable, Equatable, CustomStringConvertible {
    /// `urn:ietf:params:oauth:grant-type:device_code` with the device code.
    case deviceCode(String)
    /// `authorization_code` with the code from the loopback redirect, the exact redirect URI sent to
    /// /authorize, and the PKCE verifier.
    case authorizationCode(code: String, redirectURI: String, codeVerifier: String)
    /// `refresh_token` with the refresh token.
    case refreshToken(String)

    /// The `grantType` string sent on the wire.
    public var grantType: String {
        switch self {
        case .deviceCode: "urn:ietf:params:oauth:grant-type:device_code"
        case .authorizationCode: "authorization_code"
        case .refreshToken: "refresh_token"
        }
    }

    public var description: String { "GrantRequest(\(grantType), <redacted>)" }
}
