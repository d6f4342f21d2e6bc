import Foundation

/// Owns every client, pending login, authorization code, login session and token the emulator has
/// issued; one actor, so OIDC and portal rules see one consistent state.
actor IdentityStore {
    var clients: [String: ClientRecord] = [:]
    var deviceGrants: [String: DeviceGrant] = [:]  // by device code
    var deviceCodesByUserCode: [String: String] = [:]
    var pendingAuthorizations: [String: PendingAuthorization] = [:]
    var authorizationCodes: [String: AuthorizationCodeRecord] = [:]
    var sessions: [String: LoginSession] = [:]
    var accessTokens: [String: AccessTokenRecord] = [:]
    var sessionsByRefreshToken: [String: String] = [:]
    /// Every secret issued or received, for tests that search a client's output for leaks.
    private(set) var secretLedger: [String] = []

    /// Records a secret (issued here, or a PKCE verifier received) in the ledger.
    func noteSecret(_ secret: String) {
        if !secret.isEmpty { secretLedger.append(secret) }
    }

    // MARK: Clients

    func register(
        name: String, scopes: [String]?, grantTypes: [String]?, redirectURIs: [String]?, issuerURL: String?,
        now: Date, ttl: Duration
    ) -> ClientRecord {
        let issuedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let record = ClientRecord(
            clientID: Secrets.clientID(), clientSecret: Secrets.clientSecret(), name: name, scopes: scopes,
            grantTypes: grantTypes, redirectURIs: redirectURIs, issuerURL: issuerURL, issuedAt: issuedAt,
            expiresAt: issuedAt.addingTimeInterval(ttl.timeInterval.rounded(.down))
        )
        clients[record.clientID] = record
        noteSecret(record.clientSecret)
        return record
    }

    /// The client named by a request, checked against its secret and its expiry.
    func authenticate(clientID: String, clientSecret: String, now: Date) throws(ServiceFailure) -> ClientRecord {
        guard let client = clients[clientID], Secrets.equal(client.clientSecret, clientSecret) else {
            throw ServiceFailure(.invalidClient, "Invalid client provided")
        }
        guard client.expiresAt > now else {
            throw ServiceFailure(.invalidClient, "Client credentials have expired")
        }
        return client
    }

    func client(_ clientID: String) -> ClientRecord? {
        clients[clientID]
    }

    /// Forgets every client registration, as the service does with ones it no longer knows: their
    /// calls get InvalidClientException and `/authorize` refuses them. Logins already made stay valid.
    func forgetClients() -> Int {
        defer { clients = [:] }
        return clients.count
    }

    // MARK: Tokens

    /// Starts a login session and issues its first access token (and refresh token for clients
    /// registered with scopes).
    func issueLogin(portalName: String, client: ClientRecord, now: Date, policy: TokenPolicy) -> (IssuedToken, String) {
        let session = LoginSession(id: UUID().uuidString, portalName: portalName, clientID: client.clientID)
        sessions[session.id] = session
        let token = issueAccessToken(
            sessionID: session.id, withRefresh: client.receivesRefreshTokens, now: now, policy: policy)
        return (token, session.id)
    }

    func issueAccessToken(sessionID: String, withRefresh: Bool, now: Date, policy: TokenPolicy) -> IssuedToken {
        guard var session = sessions[sessionID] else {
            preconditionFailure("issueAccessToken called for a session that was never created")
        }
        let accessToken = Secrets.accessToken()
        noteSecret(accessToken)
        let ttl = max(0, Int(policy.tokenTTL.seconds.rounded(.down)))
        accessTokens[accessToken] = AccessTokenRecord(
            sessionID: sessionID, portalName: session.portalName, expiresAt: now.addingTimeInterval(Double(ttl))
        )
        var refreshToken: String?
        if withRefresh {
            if let old = session.refreshToken, !policy.rotateRefreshTokens {
                refreshToken = old
            } else {
                if let old = session.refreshToken { sessionsByRefreshToken[old] = nil }
                let fresh = Secrets.refreshToken()
                noteSecret(fresh)
                sessionsByRefreshToken[fresh] = sessionID
                session.refreshToken = fresh
                session.refreshExpiresAt = now.addingTimeInterval(policy.refreshTokenTTL.timeInterval)
                refreshToken = fresh
            }
        }
        sessions[sessionID] = session
        return IssuedToken(
            accessToken: accessToken, expiresIn: ttl, refreshToken: refreshToken, portalName: session.portalName)
    }

    /// CreateToken with `refresh_token`.
    func refresh(client: ClientRecord, refreshToken: String, now: Date, policy: TokenPolicy) throws(ServiceFailure)
        -> IssuedToken
    {
        guard let sessionID = sessionsByRefreshToken[refreshToken], let session = sessions[sessionID],
            !session.revoked, session.clientID == client.clientID
        else {
            throw ServiceFailure(.invalidGrant, "Invalid refresh token provided")
        }
        guard let expiresAt = session.refreshExpiresAt, expiresAt > now else {
            throw ServiceFailure(.invalidGrant, "Refresh token has expired")
        }
        return issueAccessToken(sessionID: sessionID, withRefresh: true, now: now, policy: policy)
    }

    /// The portal an access token belongs to, or nil when it is unknown, expired or revoked.
    func portal(forAccessToken token: String, now: Date) -> String? {
        guard let record = accessTokens[token], record.expiresAt > now,
            let session = sessions[record.sessionID], !session.revoked
        else { return nil }
        return record.portalName
    }

    /// Logout: revokes the token's whole login session (its access tokens and refresh token).
    func logout(accessToken: String, now: Date) -> Bool {
        guard portal(forAccessToken: accessToken, now: now) != nil, let record = accessTokens[accessToken] else {
            return false
        }
        revoke(sessionID: record.sessionID)
        return true
    }

    func revokeAll(portal: String?) {
        for (id, session) in sessions where portal == nil || session.portalName == portal {
            revoke(sessionID: id)
        }
    }

    func expireAllAccessTokens(portal: String?, now: Date) {
        for (token, record) in accessTokens where portal == nil || record.portalName == portal {
            accessTokens[token]?.expiresAt = min(record.expiresAt, now)
        }
    }

    func revoke(sessionID: String) {
        guard var session = sessions[sessionID] else { return }
        session.revoked = true
        if let refresh = session.refreshToken { sessionsByRefreshToken[refresh] = nil }
        sessions[sessionID] = session
        for (token, record) in accessTokens where record.sessionID == sessionID {
            accessTokens[token] = nil
        }
    }
}
