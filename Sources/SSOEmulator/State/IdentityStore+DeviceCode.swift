import Foundation

/// The device authorization grant (RFC 8628): StartDeviceAuthorization, polling, approval.
extension IdentityStore {
    func startDeviceAuthorization(
        client: ClientRecord, portalName: String, now: Date, ttl: Duration, interval: Int
    ) -> DeviceGrant {
        var userCode = Secrets.userCode()
        while deviceCodesByUserCode[userCode] != nil { userCode = Secrets.userCode() }
        let grant = DeviceGrant(
            deviceCode: Secrets.deviceCode(), userCode: userCode, clientID: client.clientID,
            portalName: portalName, createdAt: now, expiresAt: now.addingTimeInterval(ttl.timeInterval),
            interval: max(0, interval)
        )
        deviceGrants[grant.deviceCode] = grant
        noteSecret(grant.deviceCode)
        deviceCodesByUserCode[userCode] = grant.deviceCode
        return grant
    }

    /// CreateToken with the device code grant: pending, slow down, expired, denied, or a token.
    func pollDeviceCode(
        client: ClientRecord, deviceCode: String, now: Date, policy: TokenPolicy
    ) throws(ServiceFailure) -> IssuedToken {
        guard var grant = deviceGrants[deviceCode], grant.clientID == client.clientID, !grant.consumed else {
            throw ServiceFailure(.invalidGrant, "Invalid grant provided")
        }
        guard grant.expiresAt > now else {
            throw ServiceFailure(.expiredToken, "Device code has expired")
        }
        defer { deviceGrants[deviceCode] = grant }
        if let last = grant.lastPollAt, grant.interval > 0 {
            let required = Double(grant.interval + 5 * grant.slowDowns) - 0.25
            if now.timeIntervalSince(last) < required {
                if grant.earlyPollsLeft > 0 {
                    grant.earlyPollsLeft -= 1
                } else {
                    grant.slowDowns += 1
                    grant.lastPollAt = now
                    throw ServiceFailure(.slowDown, "Client is polling too fast")
                }
            }
        }
        grant.lastPollAt = now
        if grant.decision == nil, let auto = policy.autoApproval,
            now >= grant.createdAt.addingTimeInterval(auto.after.timeInterval)
        {
            grant.decision = auto.decision
        }
        switch grant.decision {
        case nil:
            throw ServiceFailure(.authorizationPending, "Authorization is still pending")
        case .deny:
            throw ServiceFailure(.accessDenied, "Access denied: the user denied the authorization request")
        case .allow:
            grant.consumed = true
            deviceCodesByUserCode[grant.userCode] = nil
            return issueLogin(portalName: grant.portalName, client: client, now: now, policy: policy).0
        }
    }

    /// Records a person's (or a test's) decision on a user code; false when the code is unknown,
    /// used or expired.
    func decide(userCode: String, decision: EmulatorConfiguration.Decision, now: Date) -> Bool {
        let normalized = userCode.uppercased().trimmingCharacters(in: .whitespaces)
        guard let deviceCode = deviceCodesByUserCode[normalized], var grant = deviceGrants[deviceCode],
            !grant.consumed, grant.expiresAt > now
        else { return false }
        grant.decision = decision
        deviceGrants[deviceCode] = grant
        return true
    }

    /// What the device page shows about a user code: the client's name and portal, if it is pending.
    func describe(userCode: String, now: Date) -> (clientName: String, portalName: String)? {
        let normalized = userCode.uppercased().trimmingCharacters(in: .whitespaces)
        guard let deviceCode = deviceCodesByUserCode[normalized], let grant = deviceGrants[deviceCode],
            !grant.consumed, grant.expiresAt > now
        else { return nil }
        return (clients[grant.clientID]?.name ?? "unknown client", grant.portalName)
    }
}
