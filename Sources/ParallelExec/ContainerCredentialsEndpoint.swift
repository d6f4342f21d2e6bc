/// Where a child gets its credentials from a credential server instead of static keys: the URL of its
/// profile (`AWS_CONTAINER_CREDENTIALS_FULL_URI`) and the file holding the server's token
/// (`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), so SDKs in a long-running child refresh by themselves.
public struct ContainerCredentialsEndpoint: Sendable, Hashable {
    public var url: String
    public var tokenFile: String

    public init(url: String, tokenFile: String) {
        self.url = url
        self.tokenFile = tokenFile
    }
}
