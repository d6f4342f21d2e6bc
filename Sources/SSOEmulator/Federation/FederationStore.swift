import Foundation

/// Owns what the federation endpoint needs: the credentials the emulator issued (by access key ID),
/// the sign-in tokens handed out, and the console logins made with them.
actor FederationStore {
    private var credentials: [String: IssuedCredential] = [:]
    private var tokens: [String: SigninTokenRecord] = [:]
    private(set) var logins: [ConsoleLogin] = []

    /// Remembers credentials the emulator issued; any route that issues credentials records them here
    /// with its origin (GetRoleCredentials: `.roleCredentials`; an AssumeRole: `.roleChaining`).
    func record(_ credential: IssuedCredential) {
        credentials[credential.accessKeyID] = credential
        if credentials.count % 4096 == 0 { forgetExpired(now: Date()) }
    }

    /// Drops credentials and sign-in tokens that can no longer be used, so a long-running emulator
    /// keeps only what is still valid.
    private func forgetExpired(now: Date) {
        credentials = credentials.filter { $0.value.expiresAt > now }
        tokens = tokens.filter { !$0.value.used && $0.value.expiresAt > now }
    }

    /// The issued credential a `Session` document names, when all three parts match and it is still valid.
    func validCredential(
        accessKeyID: String, secretAccessKey: String, sessionToken: String, now: Date
    ) throws(ServiceFailure) -> IssuedCredential {
        guard let credential = credentials[accessKeyID],
            Secrets.equal(credential.secretAccessKey, secretAccessKey),
            Secrets.equal(credential.sessionToken, sessionToken)
        else {
            throw ServiceFailure(.invalidRequest, "The security token included in the request is invalid")
        }
        guard credential.expiresAt > now else {
            throw ServiceFailure(.invalidRequest, "The security token included in the request is expired")
        }
        return credential
    }

    func issueToken(for credential: IssuedCredential, sessionDuration: Int?, now: Date, ttl: Duration) -> String {
        if tokens.count % 4096 == 4095 { forgetExpired(now: now) }
        let token = Secrets.signinToken()
        tokens[token] = SigninTokenRecord(
            credential: credential, expiresAt: now.addingTimeInterval(ttl.timeInterval),
            sessionDuration: sessionDuration)
        return token
    }

    /// Spends a sign-in token: it works once, before it expires.
    func redeem(token: String, destination: String, issuer: String?, now: Date) -> ConsoleLogin? {
        guard var record = tokens[token], !record.used, record.expiresAt > now else { return nil }
        record.used = true
        tokens[token] = record
        let credential = record.credential
        let login = ConsoleLogin(
            identity: "\(credential.portalName)/\(credential.accountID)/\(credential.roleName)",
            portal: credential.portalName, accountId: credential.accountID, roleName: credential.roleName,
            via: "federation", origin: credential.origin, destination: destination, issuer: issuer,
            sessionDuration: record.sessionDuration)
        logins.append(login)
        return login
    }

    func recordPortalLogin(_ login: ConsoleLogin) {
        logins.append(login)
    }
}
