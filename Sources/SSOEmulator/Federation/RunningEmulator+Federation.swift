import Foundation

/// The federation endpoint's state for tests: console logins made, and credentials of a chosen origin.
extension RunningEmulator {
    /// Every console session opened so far (federation logins and portal shortcut links), oldest first,
    /// as `GET /_admin/console-logins` lists them.
    public func consoleLogins() async -> [ConsoleLogin] {
        await core.federation.logins
    }

    /// Issues temporary credentials for an assigned role as if a route had, with the given origin, so
    /// that tests can present credentials from role chaining to `getSigninToken`.
    /// - Returns: access key ID, secret access key and session token; they expire after the credential TTL.
    public func issueCredentials(
        portal: String, accountID: String, roleName: String, origin: CredentialOrigin
    ) async -> (accessKeyID: String, secretAccessKey: String, sessionToken: String) {
        let ttl = await core.knobs.configuration.credentialTTL
        let credential = IssuedCredential(
            accessKeyID: Secrets.accessKeyID(), secretAccessKey: Secrets.secretAccessKey(),
            sessionToken: Secrets.sessionToken(), portalName: portal, accountID: accountID, roleName: roleName,
            expiresAt: Date().addingTimeInterval(ttl.timeInterval), origin: origin)
        await core.identity.noteSecret(credential.secretAccessKey)
        await core.identity.noteSecret(credential.sessionToken)
        await core.federation.record(credential)
        return (credential.accessKeyID, credential.secretAccessKey, credential.sessionToken)
    }
}
