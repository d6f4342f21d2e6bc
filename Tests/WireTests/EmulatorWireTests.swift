import AWSFormats
import FileStore
// Enabled by the lead once SSOEmulator is merged: rename to EmulatorWireTests.swift.
// The real OIDC and portal clients and the real login flows against the real emulator on port 0.
import Foundation
import SSOConfig
import SSOEmulator
import SSOWire
import TestSupport
import Testing

@testable import SessionActors

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("Wire clients and login flows against the emulator")
struct EmulatorWireTests {
    // MARK: helpers

    /// Records every prompt; optionally acts on one (approve a device code, follow a URL).
    actor RecordingPresenter: LoginPresenter {
        private(set) var prompts: [LoginPrompt] = []
        private let action: @Sendable (LoginPrompt) async -> Void
        init(action: @escaping @Sendable (LoginPrompt) async -> Void = { _ in }) { self.action = action }
        func present(_ prompt: LoginPrompt) async {
            prompts.append(prompt)
            await action(prompt)
        }
    }

    /// Plays the user's browser: requests the authorize URL and follows the 302 to the loopback listener.
    static func followInBrowser(_ url: URL) async {
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        _ = try? await session.data(from: url)
    }

    static func clients(_ emulator: RunningEmulator) -> (OIDCClient, PortalClient) {
        let transport = NIOHTTPTransport(timeout: .seconds(10))
        return (
            OIDCClient(endpoint: emulator.baseURL, transport: transport),
            PortalClient(endpoint: emulator.baseURL, transport: transport, pageRetry: .none)
        )
    }

    static func session(_ emulator: RunningEmulator, name: String? = "corp") -> SSOSessionSettings {
        SSOSessionSettings(
            name: name, startURL: emulator.portals[0].startURL, region: emulator.portals[0].region,
            registrationScopes: nil, useDeviceCode: name == nil)
    }

    static func context(
        _ emulator: RunningEmulator, oidc: OIDCClient, presenter: any LoginPresenter, name: String? = "corp",
        timeout: Duration = .seconds(30)
    ) -> LoginFlowContext {
        LoginFlowContext(
            session: session(emulator, name: name), sessionLabel: "sso-session \(name ?? "legacy")", oidc: oidc,
            oidcEndpoint: emulator.baseURL, presenter: presenter,
            browser: BrowserOpener(environment: AWSEnvironment(variables: ["HOME": "/nonexistent"]), disabled: true),
            timeout: timeout)
    }

    /// Registers for the device flow and logs in with auto-approve.
    static func deviceLogin(_ emulator: RunningEmulator, oidc: OIDCClient) async throws -> TokenGrant {
        let request = DeviceCodeFlow.registrationRequest(for: session(emulator), now: Date())
        let registration = try await oidc.registerClient(
            name: request.name, scopes: request.scopes, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
        return try await DeviceCodeFlow.run(
            context(emulator, oidc: oidc, presenter: RecordingPresenter()), registration: registration)
    }

    static func loginErrorCode(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as LoginError {
            return error.code
        } catch {
            return "unexpected: \(error)"
        }
    }

    static func wireError(_ body: () async throws(WireError) -> Void) async -> WireError? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: OIDC and login flows

    @Test("RegisterClient returns a client whose secret expires in the future, with the sent grant types")
    func register() async throws {
        try await withEmulator { emulator in
            let (oidc, _) = Self.clients(emulator)
            let request = AuthorizationCodeFlow.registrationRequest(for: Self.session(emulator))
            let registration = try await oidc.registerClient(
                name: request.name, scopes: request.scopes, grantTypes: request.grantTypes,
                redirectURIs: request.redirectURIs, issuerURL: request.issuerURL)
            #expect(!registration.clientID.isEmpty && !registration.clientSecret.isEmpty)
            #expect(registration.clientSecretExpiresAt > Date())
            #expect(registration.grantTypes == ["authorization_code", "refresh_token"])
            #expect(await emulator.stats().calls["RegisterClient"] == 1)
        }
    }

    @Test("device flow with auto-approve returns a token; one login counted")
    func deviceAutoApprove() async throws {
        try await withEmulator { emulator in
            let (oidc, _) = Self.clients(emulator)
            let grant = try await Self.deviceLogin(emulator, oidc: oidc)
            #expect(!grant.accessToken.isEmpty && grant.expiresIn > 0)
            let stats = await emulator.stats()
            #expect(stats.grants["device_code"] == 1)
            #expect(stats.calls["StartDeviceAuthorization"] == 1)
        }
    }

    @Test("device flow: pre-check, prompt with user code and start URL, approval while polling")
    func deviceManualApprove() async throws {
        var configuration = EmulatorConfiguration()
        configuration.autoApprove = false
        try await withEmulator(configuration) { emulator in
            let (oidc, _) = Self.clients(emulator)
            let presenter = RecordingPresenter { prompt in
                if case .deviceCode(_, _, _, let userCode, _, _) = prompt {
                    _ = await emulator.approve(userCode: userCode)
                }
            }
            let request = DeviceCodeFlow.registrationRequest(for: Self.session(emulator), now: Date())
            let registration = try await oidc.registerClient(
                name: request.name, scopes: request.scopes, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            let grant = try await DeviceCodeFlow.run(
                Self.context(emulator, oidc: oidc, presenter: presenter), registration: registration)
            #expect(!grant.accessToken.isEmpty)
            let prompts = await presenter.prompts
            guard case .deviceCode(_, let startURL, let uri, let userCode, _, let opened) = prompts.first else {
                Issue.record("expected a device code prompt first, got \(prompts)")
                return
            }
            #expect(startURL == emulator.portals[0].startURL)
            #expect(!uri.isEmpty && !userCode.isEmpty && !opened)
            // The pre-check (pending) and the first loop attempt, at least.
            #expect(await emulator.stats().calls["CreateToken", default: 0] >= 2)
        }
    }

    @Test("device flow stops with a clear error when the device code expires")
    func deviceExpired() async throws {
        var configuration = EmulatorConfiguration()
        configuration.autoApprove = false
        configuration.deviceCodeTTL = .seconds(2)
        try await withEmulator(configuration) { emulator in
            let (oidc, _) = Self.clients(emulator)
            let request = DeviceCodeFlow.registrationRequest(for: Self.session(emulator), now: Date())
            let registration = try await oidc.registerClient(
                name: request.name, scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            let code = await Self.loginErrorCode {
                _ = try await DeviceCodeFlow.run(
                    Self.context(emulator, oidc: oidc, presenter: RecordingPresenter()), registration: registration)
            }
            #expect(code == "login_expired")
        }
    }

    @Test("PKCE flow: the browser follows /authorize's 302 to the loopback listener; CreateToken redeems the code")
    func authorizationCode() async throws {
        try await withEmulator { emulator in
            let (oidc, _) = Self.clients(emulator)
            let request = AuthorizationCodeFlow.registrationRequest(for: Self.session(emulator))
            let registration = try await oidc.registerClient(
                name: request.name, scopes: request.scopes, grantTypes: request.grantTypes,
                redirectURIs: request.redirectURIs, issuerURL: request.issuerURL)
            let presenter = RecordingPresenter { prompt in
                if case .openURL(_, let url, _) = prompt { await Self.followInBrowser(url) }
            }
            let grant = try await AuthorizationCodeFlow.run(
                Self.context(emulator, oidc: oidc, presenter: presenter), registration: registration)
            #expect(!grant.accessToken.isEmpty)
            #expect(grant.refreshToken != nil)
            let stats = await emulator.stats()
            #expect(stats.grants["authorization_code"] == 1)
            #expect(stats.calls["Authorize"] == 1)
        }
    }

    @Test("PKCE flow refuses a registration without the authorization_code grant")
    func pkceNeedsGrant() async throws {
        try await withEmulator { emulator in
            let (oidc, _) = Self.clients(emulator)
            let registration = try await oidc.registerClient(
                name: "botocore-client-corp", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            let code = await Self.loginErrorCode {
                _ = try await AuthorizationCodeFlow.run(
                    Self.context(emulator, oidc: oidc, presenter: RecordingPresenter()), registration: registration)
            }
            #expect(code == "login_registration_mismatch")
        }
    }

    @Test("refresh_token grant (client registered with refresh_token) returns a new access token")
    func refresh() async throws {
        try await withEmulator { emulator in
            let (oidc, _) = Self.clients(emulator)
            let request = AuthorizationCodeFlow.registrationRequest(for: Self.session(emulator))
            let registration = try await oidc.registerClient(
                name: request.name, scopes: request.scopes, grantTypes: request.grantTypes,
                redirectURIs: request.redirectURIs, issuerURL: request.issuerURL)
            let presenter = RecordingPresenter { prompt in
                if case .openURL(_, let url, _) = prompt { await Self.followInBrowser(url) }
            }
            let login = try await AuthorizationCodeFlow.run(
                Self.context(emulator, oidc: oidc, presenter: presenter), registration: registration)
            let refreshToken = try #require(login.refreshToken)
            let refreshed = try await oidc.createToken(
                clientID: registration.clientID, clientSecret: registration.clientSecret,
                grant: .refreshToken(refreshToken))
            #expect(refreshed.accessToken != login.accessToken)
            #expect(refreshed.expiresIn > 0)
            #expect(await emulator.stats().grants["refresh_token"] == 1)
        }
    }

    @Test("invalid client secret maps to InvalidClientException (HTTP 401)")
    func invalidClient() async throws {
        try await withEmulator { emulator in
            let (oidc, _) = Self.clients(emulator)
            let registration = try await oidc.registerClient(
                name: "botocore-client-corp", scopes: nil, grantTypes: nil, redirectURIs: nil, issuerURL: nil)
            let error = await Self.wireError { () async throws(WireError) in
                _ = try await oidc.startDeviceAuthorization(
                    clientID: registration.clientID, clientSecret: "wrong", startURL: emulator.portals[0].startURL)
            }
            #expect(error?.code == "InvalidClientException")
            #expect(error?.serviceError?.status == 401)
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains("wrong") == false)
        }
    }

    // MARK: portal

    @Test("pagination over 250 accounts returns each exactly once")
    func pagination() async throws {
        var configuration = EmulatorConfiguration()
        configuration.accountsPerPortal = 250
        configuration.rolesPerAccount = 1
        try await withEmulator(configuration) { emulator in
            let (oidc, portal) = Self.clients(emulator)
            let token = try await Self.deviceLogin(emulator, oidc: oidc).accessToken
            let accounts = try await portal.listAllAccounts(accessToken: token)
            #expect(accounts.count == 250)
            #expect(Set(accounts.map(\.accountID)) == Set(emulator.portals[0].accounts.map(\.accountID)))
            // Page by page with a small page size.
            var pages = 0
            var seen: [AccountInfo] = []
            var next: String?
            repeat {
                let page = try await portal.listAccounts(accessToken: token, nextToken: next, maxResults: 7)
                #expect(page.accounts.count <= 7)
                seen += page.accounts
                next = page.nextToken
                pages += 1
            } while next != nil
            #expect(pages == 36)
            #expect(Set(seen.map(\.accountID)).count == 250)
        }
    }

    @Test("every portal call: roles, credentials (epoch ms), logout; then the token is unauthorized")
    func portalCalls() async throws {
        try await withEmulator { emulator in
            let (oidc, portal) = Self.clients(emulator)
            let token = try await Self.deviceLogin(emulator, oidc: oidc).accessToken
            let account = emulator.portals[0].accounts[0]
            let roles = try await portal.listAllAccountRoles(accessToken: token, accountID: account.accountID)
            #expect(Set(roles.map(\.roleName)) == Set(account.roles))
            #expect(roles.allSatisfy { $0.accountID == account.accountID })
            let page = try await portal.listAccountRoles(
                accessToken: token, accountID: account.accountID, nextToken: nil, maxResults: 1)
            #expect(page.roles.count == 1)
            let credentials = try await portal.getRoleCredentials(
                accessToken: token, accountID: account.accountID, roleName: account.roles[0])
            #expect(credentials.expiration > Date().addingTimeInterval(3000))
            #expect(credentials.expiration < Date().addingTimeInterval(3700))
            #expect(!credentials.secretAccessKey.isEmpty && !credentials.sessionToken.isEmpty)
            try await portal.logout(accessToken: token)
            let error = await Self.wireError { () async throws(WireError) in
                _ = try await portal.getRoleCredentials(
                    accessToken: token, accountID: account.accountID, roleName: account.roles[0])
            }
            #expect(error?.isUnauthorized == true)
            #expect(error?.serviceError?.status == 401)
            let stats = await emulator.stats()
            #expect(stats.calls["Logout"] == 1)
            #expect(stats.calls["GetRoleCredentials"] == 2)
        }
    }

    @Test("an unknown token is 401 UnauthorizedException and never appears in the error")
    func unauthorized() async throws {
        try await withEmulator { emulator in
            let (_, portal) = Self.clients(emulator)
            let error = await Self.wireError { () async throws(WireError) in
                _ = try await portal.listAccounts(accessToken: "not-a-token-XYZZY", nextToken: nil, maxResults: nil)
            }
            #expect(error?.code == "UnauthorizedException")
            #expect(error?.isUnauthorized == true)
            #expect(error.map { "\($0)" }?.contains("XYZZY") == false)
        }
    }

    @Test("429 TooManyRequestsException carries Retry-After; RetryPolicy waits and succeeds")
    func throttling() async throws {
        try await withEmulator { emulator in
            let (oidc, portal) = Self.clients(emulator)
            let token = try await Self.deviceLogin(emulator, oidc: oidc).accessToken
            // A bucket that refills once in 1,000 s: the second call is throttled however slow the machine is.
            await emulator.update {
                $0.rateLimit = 0.001
                $0.burst = 1
                $0.retryAfter = .seconds(1)
                $0.rateLimitedOperations = ["ListAccounts"]
            }
            _ = try await portal.listAccounts(accessToken: token, nextToken: nil, maxResults: nil)
            let error = await Self.wireError { () async throws(WireError) in
                _ = try await portal.listAccounts(accessToken: token, nextToken: nil, maxResults: nil)
            }
            await emulator.update { $0.rateLimit = 1 }
            #expect(error?.code == "TooManyRequestsException")
            #expect(error?.serviceError?.status == 429)
            #expect(error?.isThrottling == true)
            #expect(error?.retryAfter == .seconds(1))
            let policy = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(50))
            let page = try await policy.run { () async throws(WireError) in
                try await portal.listAccounts(accessToken: token, nextToken: nil, maxResults: nil)
            }
            #expect(!page.accounts.isEmpty)
        }
    }

    @Test("injected 500 is InternalServerException and retryable")
    func serverError() async throws {
        try await withEmulator { emulator in
            let (oidc, portal) = Self.clients(emulator)
            let token = try await Self.deviceLogin(emulator, oidc: oidc).accessToken
            await emulator.update { $0.failRate = 1 }
            let error = await Self.wireError { () async throws(WireError) in
                _ = try await portal.listAccounts(accessToken: token, nextToken: nil, maxResults: nil)
            }
            #expect(error?.serviceError?.status == 500)
            #expect(error?.code == "InternalServerException")
            #expect(error?.isRetryable == true)
        }
    }

    @Test("a dropped connection is connectionFailed and retryable")
    func dropped() async throws {
        try await withEmulator { emulator in
            let (oidc, portal) = Self.clients(emulator)
            let token = try await Self.deviceLogin(emulator, oidc: oidc).accessToken
            await emulator.update { $0.dropRate = 1 }
            let error = await Self.wireError { () async throws(WireError) in
                _ = try await portal.listAccounts(accessToken: token, nextToken: nil, maxResults: nil)
            }
            #expect(error?.code == "connection_failed")
            #expect(error?.isRetryable == true)
        }
    }
}
