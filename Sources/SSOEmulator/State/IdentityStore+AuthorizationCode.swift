import Foundation

/// The authorization code grant with PKCE: `/authorize` consent, code issuance, CreateToken exchange.
extension IdentityStore {
    func holdForConsent(_ request: PendingAuthorization) {
        pendingAuthorizations[request.id] = request
    }

    func takePendingAuthorization(id: String) -> PendingAuthorization? {
        pendingAuthorizations.removeValue(forKey: id)
    }

    func issueAuthorizationCode(
        clientID: String, portalName: String, redirectURI: String, challenge: String, scopes: [String],
        now: Date, ttl: Duration
    ) -> String {
        let code = Secrets.authorizationCode()
        noteSecret(code)
        authorizationCodes[code] = AuthorizationCodeRecord(
            clientID: clientID, portalName: portalName, redirectURI: redirectURI, challenge: challenge,
            scopes: scopes, expiresAt: now.addingTimeInterval(ttl.timeInterval)
        )
        return code
    }

    /// CreateToken with `authorization_code`: the code must be this client's, unused and unexpired,
    /// the redirect URI the one given to `/authorize`, and S256(verifier) the stored challenge. A code
    /// presented twice also revokes the login it produced (RFC 6749 §4.1.2).
    func exchange(
        client: ClientRecord, code: String, redirectURI: String, verifier: String, now: Date, policy: TokenPolicy
    ) throws(ServiceFailure) -> IssuedToken {
        guard var record = authorizationCodes[code], record.clientID == client.clientID else {
            throw ServiceFailure(.invalidGrant, "Invalid authorization code provided")
        }
        if record.used {
            if let sessionID = record.sessionID { revoke(sessionID: sessionID) }
            throw ServiceFailure(.invalidGrant, "Authorization code has already been used")
        }
        guard record.expiresAt > now else {
            throw ServiceFailure(.expiredToken, "Authorization code has expired")
        }
        guard record.redirectURI == redirectURI else {
            throw ServiceFailure(.invalidGrant, "Redirect URI does not match the one used for authorization")
        }
        guard Secrets.equal(Secrets.pkceChallenge(verifier: verifier), record.challenge) else {
            throw ServiceFailure(.invalidGrant, "Code verifier does not match the code challenge")
        }
        record.used = true
        let (token, sessionID) = issueLogin(portalName: record.portalName, client: client, now: now, policy: policy)
        record.sessionID = sessionID
        authorizationCodes[code] = record
        return token
    }
}
