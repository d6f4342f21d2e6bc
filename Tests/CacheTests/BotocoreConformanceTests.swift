import AWSFormats
import FileStore
import Foundation
import SSOConfig
import TestSupport
import Testing

@testable import SSOCache

/// multisso's cache files against botocore 1.43 (the venv from scripts/bootstrap), in both directions.
@Suite("Botocore conformance")
struct BotocoreConformanceTests {
    /// Values shared by both sides; the scripts get them in a file, never on the command line.
    struct Spec {
        var sessionName = "caf\u{E9}-corp"
        var startURL = "https://d-123.awsapps.com/start#/"
        var legacyStartURL = "https://legacy.awsapps.com/start"
        var region = "eu-central-1"
        var accessToken = "aoa/SECRET+access=="
        var refreshToken = "aor/SECRET+refresh=="
        var clientID = "client-\u{1F600}-id"
        var clientSecret = "eyJ/SECRET+client=="
        var expiresEpoch = 1_893_456_000  // 2030-01-01T00:00:00Z
        var registrationExpiresEpoch = 1_901_232_000  // 2030-04-01T00:00:00Z
        var scopes = ["sso:account:access"]
        var accountID = "111122223333"
        var roleName = "AdministratorAccess"
        var accessKeyID = "ASIAEXAMPLE"
        var secretAccessKey = "wJalr/SECRET+key"
        var sessionToken = "IQoJ/SECRET+session=="
        var expirationMilliseconds = 1_893_459_600_789  // 2030-01-01T01:00:00.789Z

        var expiresAt: Date { Date(timeIntervalSince1970: TimeInterval(expiresEpoch)) }
        var registrationExpiresAt: Date { Date(timeIntervalSince1970: TimeInterval(registrationExpiresEpoch)) }
        var expirationEpoch: Int { expirationMilliseconds / 1000 }

        func token(startURL: String) -> CachedToken {
            CachedToken(
                startURL: startURL, region: region, accessToken: accessToken, expiresAt: expiresAt,
                clientID: clientID, clientSecret: clientSecret, registrationExpiresAt: registrationExpiresAt,
                refreshToken: refreshToken)
        }
        var registration: CachedRegistration {
            CachedRegistration(
                clientID: clientID, clientSecret: clientSecret, expiresAt: registrationExpiresAt,
                scopes: scopes, grantTypes: ["authorization_code", "refresh_token"])
        }
        var registrationKey: RegistrationCacheKey {
            RegistrationCacheKey(startURL: startURL, region: region, scopes: scopes, sessionName: sessionName)
        }
        var credentials: RoleCredentials {
            RoleCredentials(
                accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
                expiration: Date(timeIntervalSince1970: TimeInterval(expirationEpoch)), accountID: accountID)
        }
        var roleKeySession: RoleCredentialCacheKey {
            RoleCredentialCacheKey(accountID: accountID, roleName: roleName, sessionName: sessionName)
        }
        var roleKeyLegacy: RoleCredentialCacheKey {
            RoleCredentialCacheKey(accountID: accountID, roleName: roleName, startURL: legacyStartURL)
        }

        func write(home: URL, to file: URL) throws {
            let fields: [String: Any] = [
                "home": home.path, "session_name": sessionName, "start_url": startURL,
                "legacy_start_url": legacyStartURL, "region": region, "access_token": accessToken,
                "refresh_token": refreshToken, "client_id": clientID, "client_secret": clientSecret,
                "expires_epoch": expiresEpoch, "expires_at": CacheTimestamp.format(expiresAt),
                "registration_expires_epoch": registrationExpiresEpoch,
                "registration_expires_at": CacheTimestamp.format(registrationExpiresAt),
                "scopes": scopes, "registration_key_scopes": scopes, "registration_hash": registrationKey.hash,
                "account_id": accountID, "role_name": roleName, "access_key_id": accessKeyID,
                "secret_access_key": secretAccessKey, "session_token": sessionToken,
                "expiration_ms": expirationMilliseconds, "expiration_epoch": expirationEpoch,
                "expiration": CacheTimestamp.format(Date(timeIntervalSince1970: TimeInterval(expirationEpoch))),
                "role_hash_session": roleKeySession.hash, "role_hash_legacy": roleKeyLegacy.hash,
            ]
            try JSONSerialization.data(withJSONObject: fields).write(to: file)
        }
    }

    @Test("botocore loads the token, registration and role credentials multisso wrote, without a network call")
    func botocoreReadsMultisso() async throws {
        let python = try ConformancePython.interpreter()
        try await withTemporaryDirectory { home in
            let spec = Spec()
            let environment = AWSEnvironment.sandbox(home: home)
            let tokens = TokenCache(directory: environment.ssoCacheDirectory)
            try tokens.writeToken(spec.token(startURL: spec.startURL), for: .session(name: spec.sessionName))
            try tokens.writeToken(spec.token(startURL: spec.legacyStartURL), for: .startURL(spec.legacyStartURL))
            try tokens.writeRegistration(spec.registration, for: spec.registrationKey)
            let credentials = CredentialCache(directory: environment.cliCacheDirectory)
            try credentials.write(spec.credentials, for: spec.roleKeySession)
            try credentials.write(spec.credentials, for: spec.roleKeyLegacy)

            let specFile = home.appendingPathComponent("spec.json")
            try spec.write(home: home, to: specFile)
            let output = try await runProcess(
                python, [ConformancePython.script("botocore_reads_multisso.py").path, specFile.path])
            #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
            #expect(output.stdout.hasPrefix("ok "), "\(output.stdout)")
            #expect((Int(output.stdout.dropFirst(3).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 30)
        }
    }

    @Test("multisso reads the files botocore's own writers produce, under the same names")
    func multissoReadsBotocore() async throws {
        let python = try ConformancePython.interpreter()
        try await withTemporaryDirectory { home in
            let spec = Spec()
            let specFile = home.appendingPathComponent("spec.json")
            try spec.write(home: home, to: specFile)
            let output = try await runProcess(
                python, [ConformancePython.script("botocore_writes_for_multisso.py").path, specFile.path])
            #expect(output.status == 0, "\(output.stderr)")
            let written = try #require(
                try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: String])

            let environment = AWSEnvironment.sandbox(home: home)
            let tokens = TokenCache(directory: environment.ssoCacheDirectory)
            #expect(try tokens.readToken(.session(name: spec.sessionName)) == spec.token(startURL: spec.startURL))
            let legacyFile = tokens.url(for: .startURL(spec.legacyStartURL))
            #expect(
                contents(of: legacyFile)?.contains(#""expiresAt": "2030-01-01T00:00:00UTC""#) == true,
                "botocore's own datetime rendering (…UTC) should be exercised")
            let legacy = try #require(try tokens.readToken(.startURL(spec.legacyStartURL)))
            #expect(
                legacy
                    == CachedToken(
                        startURL: spec.legacyStartURL, region: spec.region,
                        accessToken: spec.accessToken, expiresAt: spec.expiresAt))

            #expect(written["registration"] == spec.registrationKey.hash)
            #expect(try tokens.readRegistration(spec.registrationKey) == spec.registration)

            let credentials = CredentialCache(directory: environment.cliCacheDirectory)
            #expect(written["role_session"] == spec.roleKeySession.hash)
            #expect(written["role_legacy"] == spec.roleKeyLegacy.hash)
            #expect(try credentials.read(spec.roleKeySession) == spec.credentials)
            #expect(try credentials.read(spec.roleKeyLegacy) == spec.credentials)
            #expect(try credentials.deleteAllSSOCredentials() == 2)
        }
    }
}
