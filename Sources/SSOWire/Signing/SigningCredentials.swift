/// The AWS credentials a request is signed with (an access key, its secret, and the session token of
/// temporary credentials). The description shows the access key id only.
public struct SigningCredentials: Sendable, Hashable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String?) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    public var description: String { "SigningCredentials(accessKeyID: \(accessKeyID), secret: <redacted>)" }
}
